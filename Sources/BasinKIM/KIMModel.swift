import BasinAtoms
import BasinMath
import BasinNNP
import BasinPotentials
import Foundation

/// An n2p2 model as a KIM model driver serves it to a simulator: energy, forces, per-atom
/// energies and virial of one domain from the simulator's particles and neighbor lists, with
/// `NeuralNetworkPotential`'s kernels.
///
/// Particles are contributing (their energy counts) or not (halo atoms). Only the contributing
/// ones need neighbor lists, within `cutoff`: every E_i depends on i's neighbors only, and the
/// force on each particle, halo atoms included, is −∂E/∂x of this domain's energy, which the
/// simulator sums over domains. Units are the simulator's, reached through `lengthScale` and
/// `energyScale` (its units per Å and per eV).
public final class KIMModel {
    public let potential: NeuralNetworkPotential
    /// Element of each KIM species code 0, 1, …
    public var elements: [Element] { potential.model.settings.elements }
    let neighbors: NeighborList
    /// Reused between calls: extended order (contributing first) ↔ particle index, positions
    /// and species in extended order, the neighbor list in extended indices.
    private var particleOf: [Int] = []
    private var extendedOf: [Int32] = []
    private var positions: [SIMD3<Double>] = []
    private var species: [Int32] = []
    private var translated: [Int32] = []
    private var result = Evaluation()
    /// The potential's buffers, sized by the first compute and reused by the later ones.
    private let workspace = Workspace()
    /// The contributing particles of the last compute, refilled in place while their number
    /// and species stay the same.
    private var configuration: Configuration?
    /// KIM's Voigt order of the virial.
    private static let voigt = [(0, 0), (1, 1), (2, 2), (1, 2), (0, 2), (0, 1)]

    /// Loads the n2p2 files and `basin-kim.params` in `directory`.
    /// - Parameters:
    ///   - lengthScale: simulator length units per Å (> 0).
    ///   - energyScale: simulator energy units per eV (> 0).
    public init(directory: URL, lengthScale: Double = 1, energyScale: Double = 1) throws(ModelFileError) {
        let parameters = try KIMParameters(contentsOf: directory.appendingPathComponent(KIMParameters.fileName))
        potential = NeuralNetworkPotential(
            model: try NNPModel(directory: directory), units: .metal,
            lengthFactor: parameters.lengthFactor / lengthScale, energyFactor: parameters.energyFactor / energyScale)
        neighbors = NeighborList(cutoff: potential.cutoff, kind: .full)
    }

    /// The model's reach (simulator length units): the neighbor-list cutoff and influence distance.
    public var cutoff: Double { potential.cutoff }

    /// One KIM compute. `species` and `contributing` hold one entry per particle, `coordinates`
    /// and `forces` three (x, y, z);
    /// the neighbors of contributing particle p are `neighborList[offsets[p] ..< offsets[p + 1]]`
    /// (particle indices). Each output may be absent; forces and per-particle energies are
    /// written for every particle (zero energy for halo atoms), the virial in KIM's Voigt order
    /// (xx, yy, zz, yz, xz, xy) and sign (−Σ x ⊗ F).
    public func compute(
        species codes: UnsafeBufferPointer<Int32>, contributing: UnsafeBufferPointer<Int32>,
        coordinates: UnsafeBufferPointer<Double>,
        offsets: UnsafeBufferPointer<Int32>, neighborList: UnsafeBufferPointer<Int32>,
        energy: UnsafeMutablePointer<Double>?, forces: UnsafeMutableBufferPointer<Double>?,
        particleEnergies: UnsafeMutableBufferPointer<Double>?, virial: UnsafeMutablePointer<Double>?
    ) throws(KIMComputeError) {
        let count = codes.count
        precondition(contributing.count == count && coordinates.count == 3 * count && offsets.count == count + 1, "one entry per particle")
        for p in 0..<count where codes[p] < 0 || Int(codes[p]) >= elements.count {
            throw KIMComputeError("particle \(p) has species code \(codes[p]); the model has \(elements.count) species")
        }
        order(contributing: contributing)
        let locals = contributing.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
        positions.removeAll(keepingCapacity: true)
        species.removeAll(keepingCapacity: true)
        for p in particleOf {
            positions.append(SIMD3(coordinates[3 * p], coordinates[3 * p + 1], coordinates[3 * p + 2]))
            species.append(codes[p])
        }
        for e in 0..<locals {
            let p = particleOf[e]
            for a in neighborList[Int(offsets[p])..<Int(offsets[p + 1])] where a < 0 || Int(a) >= count {
                throw KIMComputeError("particle \(p) lists neighbor \(a) of \(count) particles")
            }
        }
        // Neighbor indices in extended order: KIM's own when the contributing particles come
        // first (as in LAMMPS), else translated.
        let identity = particleOf.indices.allSatisfy { particleOf[$0] == $0 }
        if !identity {
            translated.removeAll(keepingCapacity: true)
            for a in neighborList { translated.append(extendedOf[Int(a)]) }
        }
        positions.withUnsafeBufferPointer { x in
        species.withUnsafeBufferPointer { kinds in
        translated.withUnsafeBufferPointer { translated in
            let rows = identity ? neighborList : translated
            neighbors.adopt(positions: x, species: kinds, localCount: locals) { e in
                let p = particleOf[e]
                return UnsafeBufferPointer(rebasing: rows[Int(offsets[p])..<Int(offsets[p + 1])])
            }
        }}}
        let configuration = contributingConfiguration(locals)
        var properties: Properties = [.energy]
        if forces != nil { properties.insert(.forces) }
        if virial != nil { properties.insert(.virial) }
        if particleEnergies != nil { properties.insert(.perAtomEnergies) }
        potential.evaluateWithGhostForces(configuration, neighbors: neighbors, properties: properties, into: &result, workspace: workspace)
        energy?.pointee = result.energy
        if let forces {
            for p in 0..<count {
                let f = result.forces[Int(extendedOf[p])]
                (forces[3 * p], forces[3 * p + 1], forces[3 * p + 2]) = (f.x, f.y, f.z)
            }
        }
        if let particleEnergies {
            for p in 0..<count {
                let e = Int(extendedOf[p])
                particleEnergies[p] = e < locals ? result.perAtomEnergies[e] : 0
            }
        }
        if let virial {
            let w = result.virial
            for (k, (a, b)) in Self.voigt.enumerated() { virial[k] = -w[a, b] }
        }
    }

    /// The first `locals` particles of the extended order as a configuration: the last one's,
    /// its positions overwritten, when it has the same species; else a new one.
    private func contributingConfiguration(_ locals: Int) -> Configuration {
        guard var kept = configuration, kept.count == locals, hasSpecies(of: kept) else {
            let fresh = Configuration(
                positions: Array(positions[0..<locals]), species: species[0..<locals].map(Int.init), elements: elements, units: .metal)
            configuration = fresh
            return fresh
        }
        // Let go of the stored copy first, so that the positions are written in place.
        configuration = nil
        for e in 0..<locals { kept.positions[e] = positions[e] }
        configuration = kept
        return kept
    }

    /// Whether `configuration`'s atoms have the species of the first particles of the extended order.
    private func hasSpecies(of configuration: Configuration) -> Bool {
        for e in configuration.species.indices where configuration.species[e] != Int(species[e]) { return false }
        return true
    }

    /// Extended order: contributing particles first, each group in particle order.
    private func order(contributing: UnsafeBufferPointer<Int32>) {
        particleOf.removeAll(keepingCapacity: true)
        for p in contributing.indices where contributing[p] != 0 { particleOf.append(p) }
        for p in contributing.indices where contributing[p] == 0 { particleOf.append(p) }
        extendedOf.removeAll(keepingCapacity: true)
        extendedOf.append(contentsOf: repeatElement(0, count: contributing.count))
        for (e, p) in particleOf.enumerated() { extendedOf[p] = Int32(e) }
    }
}

/// A compute request the model cannot serve, in one line for KIM's log.
public struct KIMComputeError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
