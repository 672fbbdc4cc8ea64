import BasinMath
import Foundation

/// Generates a toy-model database: for each width and data point, N_p particles placed
/// uniformly at random, relaxed, and labelled with the energy per particle at the full depth.
///
/// Data point k (over all widths) draws from its own generator seeded with (seed, k), so the
/// records do not depend on the number of threads. Threads take blocks of points from a shared
/// counter as they finish, so a slow thread holds no other back.
public enum DatabaseGenerator {
    /// The database of `settings`; `progress(done, total)` is called after each block, from the
    /// thread that finished it, one call at a time.
    public static func generate(_ settings: DatabaseSettings, threads: Int = 1, progress: (Int, Int) -> Void = { _, _ in }) throws(ToyModelError) -> ToyDatabase {
        try settings.validate()
        let model = ToyModel(potential: try settings.potential(), mode: settings.mode)
        let total = settings.widthCount * settings.pointsPerWidth
        var records = [ToyRecord?](repeating: nil, count: total)
        let threads = max(1, min(threads, total))
        let block = max(1, min(64, total / (threads * 8)))
        let lock = NSLock()
        var next = 0, done = 0
        records.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            concurrentForEach(threads) { _ in
                let workspace = ToyWorkspace()
                while true {
                    lock.lock()
                    let start = next
                    next += block
                    lock.unlock()
                    if start >= total { break }
                    let end = min(total, start + block)
                    for point in start..<end {
                        buffer[point] = makePoint(point, settings: settings, model: model, workspace: workspace)
                    }
                    lock.lock()
                    done += end - start
                    progress(done, total)
                    lock.unlock()
                }
            }
        }
        return ToyDatabase(settings: settings, records: cut(records.map { $0! }, settings: settings))
    }

    /// The generator of data point `point`.
    static func generator(seed: UInt64, point: Int) -> SeededGenerator {
        SeededGenerator(seed: seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(point + 1))
    }

    /// Data point `point`: width number point / pointsPerWidth.
    static func makePoint(_ point: Int, settings: DatabaseSettings, model: ToyModel, workspace: ToyWorkspace) -> ToyRecord {
        var generator = generator(seed: settings.seed, point: point)
        let width = settings.width(point / settings.pointsPerWidth)
        // Settings were validated, so a random structure cannot fail.
        var structure = try! ToyStructure.random(dimension: settings.dimension, width: width, particleCount: settings.particleCount, using: &generator)
        let rates = settings.relaxation.run(&structure, model: model, using: &generator, workspace: workspace)
        let depth = settings.depth ?? model.automaticDepth(width: width)
        let energy = model.energyPerParticle(structure, depth: depth, workspace: workspace)
        let last = rates.suffix(10)
        return ToyRecord(
            coordinates: structure.coordinates, width: width, energyPerParticle: energy, depth: depth,
            acceptance: last.isEmpty ? 0 : last.reduce(0, +) / Double(last.count))
    }

    /// Per width, the records with energy below the `keptFraction` quantile (all when 1).
    static func cut(_ records: [ToyRecord], settings: DatabaseSettings) -> [ToyRecord] {
        guard settings.keptFraction < 1 else { return records }
        var kept: [ToyRecord] = []
        for k in 0..<settings.widthCount {
            let group = records[(k * settings.pointsPerWidth)..<((k + 1) * settings.pointsPerWidth)]
            let limit = quantile(group.map(\.energyPerParticle), settings.keptFraction)
            kept += group.filter { $0.energyPerParticle < limit }
        }
        return kept
    }

    /// The q-quantile with linear interpolation between order statistics (pandas' default).
    public static func quantile(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.sorted()
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}
