import BasinAtoms
import BasinIO
import BasinMath
import BasinNNP
import Foundation

/// A set of reference structures for training, in the model's units.
public struct Dataset: Sendable {
    public var structures: [TrainingStructure]

    public init(structures: [TrainingStructure]) {
        self.structures = structures
    }

    public var count: Int { structures.count }

    /// Reads every frame of `files` (in order) and prepares it for the symmetry functions of
    /// `settings`. Each frame needs a total energy and forces on every atom; per-atom energies
    /// are kept when a frame has them (see `atomEnergies(of:)`).
    /// - Parameters:
    ///   - format: the files' format, or nil to guess from each name (`StructureFile`).
    ///   - units: the unit system the configurations are tagged with (files carry none).
    /// - Throws: `TrainingError` naming the file and 1-based frame of the first problem.
    public static func load(
        files: [URL], settings: NNPSettings, format: StructureFile.Format? = nil, units: UnitSystem = .metal,
        requiringForces: Bool = true
    ) throws(TrainingError) -> Dataset {
        var structures: [TrainingStructure] = []
        for url in files {
            let frames: [Frame]
            do {
                frames = try StructureFile.read(from: url, format: format, units: units)
            } catch {
                throw TrainingError(file: url.path, reason: error.description)
            }
            structures += try Self.structures(from: frames, file: url.path, settings: settings, requiringForces: requiringForces)
        }
        return Dataset(structures: structures)
    }

    /// Prepares `frames` read from `file` (used in names and errors).
    /// With `requiringForces` false (an energy-only fit, force weight 0), frames without forces
    /// are taken, their structures marked `hasForces == false`.
    public static func structures(
        from frames: [Frame], file: String, settings: NNPSettings, requiringForces: Bool = true
    ) throws(TrainingError) -> [TrainingStructure] {
        var structures: [TrainingStructure] = []
        for (index, frame) in frames.enumerated() {
            guard let energy = frame.energy else {
                throw TrainingError(file: file, frame: index + 1, reason: "no energy (training needs the reference total energy)")
            }
            guard frame.forces != nil || !requiringForces else {
                throw TrainingError(
                    file: file, frame: index + 1,
                    reason: "no forces (training needs reference forces on every atom; loss.force_weight: 0 fits energies only)")
            }
            do {
                structures.append(try TrainingStructure(
                    configuration: frame.configuration, energy: energy, forces: frame.forces,
                    atomEnergies: try atomEnergies(of: frame), settings: settings, name: "\(file)#\(index + 1)"))
            } catch {
                throw TrainingError(file: file, frame: index + 1, reason: error.reason)
            }
        }
        return structures
    }

    /// The frame's reference per-atom energies: the real, one-column per-atom property
    /// `energies` (ASE's name in extxyz, written by `basin sample`), or nil when it has none.
    static func atomEnergies(of frame: Frame) throws(TrainingError) -> [Double]? {
        guard let property = frame.atomProperty(named: Frame.atomEnergiesProperty) else { return nil }
        guard property.width == 1, case .real(let values) = property.values else {
            throw TrainingError(reason: "per-atom property '\(property.name)' must be one real number per atom")
        }
        return values
    }

    /// Splits the structures at random into a training and a test set: a seeded shuffle puts
    /// round(`testFraction` · count) structures into the test set. Both keep the original
    /// order, and the same seed always gives the same split.
    public func split(testFraction: Double, seed: UInt64) -> (train: Dataset, test: Dataset) {
        precondition(testFraction >= 0 && testFraction <= 1, "the test fraction must be in [0, 1]")
        var generator = SeededGenerator(seed: seed)
        var order = Array(structures.indices)
        if order.count > 1 {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                let j = min(i, Int(generator.uniform() * Double(i + 1)))
                order.swapAt(i, j)
            }
        }
        let testCount = Int((testFraction * Double(structures.count)).rounded())
        let test = order.prefix(testCount).sorted(), train = order.dropFirst(testCount).sorted()
        return (Dataset(structures: train.map { structures[$0] }), Dataset(structures: test.map { structures[$0] }))
    }

    /// Summary of the reference data.
    public var statistics: DatasetStatistics { DatasetStatistics(structures) }

    /// The statistics of every symmetry function of every element over the data set, in
    /// `settings.elements` and function order, as n2p2's `nnp-scaling` writes scaling.data:
    /// minimum, maximum, mean and sample standard deviation (n − 1) of G over all atoms of the
    /// element. An element without atoms gets all zeros.
    /// - Parameter settings: the settings the structures were prepared with.
    public func scalingStatistics(settings: NNPSettings) -> [[SymmetryFunctionStatistics]] {
        settings.symmetryFunctions.indices.map { e in
            let count = settings.symmetryFunctions[e].functions.count
            var running = [RunningStatistics](repeating: RunningStatistics(), count: count)
            for structure in structures {
                let stride = structure.values.stride
                for i in structure.atomsOfElement[e] {
                    for s in 0..<count { running[s].add(structure.values.values[i * stride + s]) }
                }
            }
            return running.map { r in
                r.count == 0 ? SymmetryFunctionStatistics(minimum: 0, maximum: 0, mean: 0, sigma: 0)
                    : SymmetryFunctionStatistics(minimum: r.minimum, maximum: r.maximum, mean: r.mean, sigma: r.standardDeviation)
            }
        }
    }

    /// Mean reference energy per atom, Σ_j E_j / Σ_j N_j (n2p2's `mean_energy`).
    public var meanEnergyPerAtom: Double {
        structures.reduce(0) { $0 + $1.energy } / Double(structures.reduce(0) { $0 + $1.count })
    }
}

/// Summary of a data set's reference data (model units).
public struct DatasetStatistics: Sendable, Equatable {
    public var structureCount = 0
    public var atomCount = 0
    /// Atoms of each element present, by symbol.
    public var atomsPerElement: [String: Int] = [:]
    /// Smallest, largest and mean (over structures) E_j / N_j.
    public var energyPerAtomMinimum = 0.0
    public var energyPerAtomMaximum = 0.0
    public var energyPerAtomMean = 0.0
    /// Smallest and largest Cartesian force component.
    public var forceComponentMinimum = 0.0
    public var forceComponentMaximum = 0.0
    /// Root mean square force, sqrt(Σ_i |F_i|² / N) over the atoms of structures with forces.
    public var rmsForce = 0.0

    public init(_ structures: [TrainingStructure]) {
        guard !structures.isEmpty else { return }
        structureCount = structures.count
        var perAtom = RunningStatistics()
        var low = Double.infinity, high = -Double.infinity, squares = 0.0, forceAtoms = 0
        for structure in structures {
            atomCount += structure.count
            perAtom.add(structure.energy / Double(structure.count))
            for species in structure.configuration.species {
                atomsPerElement[structure.configuration.elements[species].symbol, default: 0] += 1
            }
            guard structure.hasForces else { continue }
            forceAtoms += structure.count
            for f in structure.forces {
                low = min(low, f.min())
                high = max(high, f.max())
                squares += (f * f).sum()
            }
        }
        energyPerAtomMinimum = perAtom.minimum
        energyPerAtomMaximum = perAtom.maximum
        energyPerAtomMean = perAtom.mean
        forceComponentMinimum = forceAtoms > 0 ? low : 0
        forceComponentMaximum = forceAtoms > 0 ? high : 0
        rmsForce = forceAtoms > 0 ? (squares / Double(forceAtoms)).squareRoot() : 0
    }
}
