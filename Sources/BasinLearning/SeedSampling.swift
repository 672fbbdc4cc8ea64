import BasinAtoms
import BasinIO
import BasinPotentials
import BasinSampling

/// The loop's first data: Langevin MD with the reference on a crystal, frames kept by the
/// per-atom force rule of Stende (2017), eq. 7.2 (`SnapshotSelection.perAtomForce`), and at
/// most `max_structures` of them taken evenly spread over the run (first and last included).
struct SeedSampling {
    var settings: LearningSettings.SeedData
    var threads: Int
    var seed: UInt64

    func sample(elements: [Element], reference: any Potential) throws(LearningError) -> [Frame] {
        let s = settings
        guard elements.count == 1, let lattice = Lattice(rawValue: s.lattice) else {
            throw LearningError("seed_data: sampling builds a one-element lattice; give seed_data.file for several elements")
        }
        let sampler = ReferenceSampler(
            temperatures: [s.temperature], steps: s.steps, equilibrationSteps: s.equilibrate, timeStep: s.timeStep,
            selection: .perAtomForce(thresholds: s.alpha, maxInterval: s.maxInterval), seed: seed)
        let frames: [Frame]
        do {
            let crystal = try lattice.build(element: elements[0], latticeConstant: s.latticeConstant, cells: SIMD3(repeating: s.cells))
            frames = try sampler.sample([crystal], calculator: Calculator(potential: reference, threads: threads)).frames
        } catch {
            throw LearningError("seed_data: \(error)")
        }
        return Self.evenlySpread(frames, count: s.maxStructures).map { frame in
            Frame(configuration: frame.configuration, energy: frame.energy, forces: frame.forces, info: frame.info)
        }
    }

    /// `count` items at evenly spaced indices (all when there are no more).
    static func evenlySpread<T>(_ items: [T], count: Int) -> [T] {
        guard items.count > count, count >= 2 else { return items }
        return (0..<count).map { j in items[(j * (items.count - 1) + (count - 1) / 2) / (count - 1)] }
    }
}
