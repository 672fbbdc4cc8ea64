import BasinAtoms
import BasinDescriptors
import BasinMath
import BasinNNP

/// An error preparing training data, naming the file and 1-based frame where it applies, e.g.
/// `train.xyz, frame 3: no forces (training needs reference forces)`.
public struct TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file as named by the caller, if the data came from one.
    public var file: String?
    /// 1-based frame (structure) index within the file, if it applies.
    public var frame: Int?
    public var reason: String

    public init(file: String? = nil, frame: Int? = nil, reason: String) {
        self.file = file
        self.frame = frame
        self.reason = reason
    }

    public var description: String {
        var location: [String] = []
        if let file { location.append(file) }
        if let frame { location.append("frame \(frame)") }
        return location.isEmpty ? reason : location.joined(separator: ", ") + ": " + reason
    }
}

/// One reference structure for training: the configuration, its reference total energy and
/// forces, and its symmetry functions with their derivatives, computed once.
///
/// Everything is in the model's units (those of the training data, as n2p2 uses them): lengths
/// of the configuration are model lengths and energies/forces model energies (per length).
/// Descriptors depend only on the positions and the settings' symmetry functions, never on the
/// weights or the input scaling, so a structure serves every model with the same functions.
///
/// Layout: `values` is the descriptor output for the configuration (rows = atoms); entry e of
/// its neighborhoods holds ∂G_is/∂x_a for the extended atom a = `values.neighborhood[e]`, whose
/// owning local atom (ghost images folded onto their owners) is `entryOwners[e]`. So for a
/// per-atom vector r, v_is = Σ_e∈nbhd(i) r_entryOwners[e] · derivatives[e·stride + s].
public struct TrainingStructure: Sendable {
    public let configuration: Configuration
    /// Reference total energy (model energy units).
    public let energy: Double
    /// Reference force on each atom (model energy / length); zeros when `hasForces` is false.
    public let forces: [SIMD3<Double>]
    /// Whether the data gave reference forces (an energy-only structure has none; it then
    /// needs force weight 0 and adds nothing to force errors).
    public let hasForces: Bool
    /// Reference per-atom energies (model energy units), when the data has them; `Loss` fits
    /// them when its per-atom energy weight γ is positive.
    public let atomEnergies: [Double]?
    /// A label for reports, e.g. `input.data#3`.
    public var name: String
    /// Index in `settings.elements` of each atom's element.
    public let elementIndex: [Int]
    /// The atoms of each model element (in `settings.elements` order), ascending.
    public let atomsOfElement: [[Int]]
    /// Symmetry-function values and derivatives (see the type's description).
    public let values: SymmetryFunctionValues
    /// Local atom imaged by the extended atom of each neighborhood entry of `values`.
    public let entryOwners: [Int32]

    /// Number of atoms.
    public var count: Int { configuration.count }

    /// Computes the descriptors of `configuration` for the symmetry functions of `settings`.
    /// - Throws: `TrainingError` when an atom's element has no network, the force count does
    ///   not match the atoms, a reference value is not finite, or the descriptors fail.
    public init(
        configuration: Configuration, energy: Double, forces given: [SIMD3<Double>]?, atomEnergies: [Double]? = nil,
        settings: NNPSettings, name: String = ""
    ) throws(TrainingError) {
        guard configuration.count > 0 else { throw TrainingError(reason: "a structure without atoms") }
        hasForces = given != nil
        let forces = given ?? [SIMD3<Double>](repeating: .zero, count: configuration.count)
        guard forces.count == configuration.count else {
            throw TrainingError(reason: "\(forces.count) forces for \(configuration.count) atoms")
        }
        guard energy.isFinite, forces.allSatisfy({ $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }) else {
            throw TrainingError(reason: "reference energy or forces are not finite")
        }
        if let atomEnergies {
            guard atomEnergies.count == configuration.count else {
                throw TrainingError(reason: "\(atomEnergies.count) atomic energies for \(configuration.count) atoms")
            }
            guard atomEnergies.allSatisfy(\.isFinite) else { throw TrainingError(reason: "atomic energies are not finite") }
        }
        var map: [Int] = []
        for element in configuration.elements {
            map.append(settings.elements.firstIndex(of: element) ?? -1)
        }
        for s in configuration.species where map[s] < 0 {
            let known = settings.elements.map(\.symbol).joined(separator: " ")
            throw TrainingError(reason: "element \(configuration.elements[s].symbol) has no network (the model has \(known))")
        }
        let evaluator = SymmetryFunctionEvaluator(sets: settings.symmetryFunctions)
        let neighbors = NeighborList(cutoff: evaluator.cutoffRadius, skin: 0, kind: .full)
        do {
            try neighbors.build(for: configuration)
        } catch {
            throw TrainingError(reason: "neighbor list: \(error)")
        }
        do {
            values = try evaluator.evaluate(configuration, neighbors: neighbors)
        } catch {
            throw TrainingError(reason: "symmetry functions: \(error)")
        }
        entryOwners = values.neighborhood.map { neighbors.owners[Int($0)] }
        elementIndex = configuration.species.map { map[$0] }
        var groups = [[Int]](repeating: [], count: settings.elements.count)
        for (i, e) in elementIndex.enumerated() { groups[e].append(i) }
        atomsOfElement = groups
        self.configuration = configuration
        self.energy = energy
        self.forces = forces
        self.atomEnergies = atomEnergies
        self.name = name
    }
}

extension NNPModel {
    /// Total number of weights and biases of all element networks.
    public var parameterCount: Int { networks.reduce(0) { $0 + $1.parameterCount } }

    /// Start of each element's parameters in the flat vector `parameters`, plus the total at
    /// the end (`settings.elements.count + 1` entries).
    public var parameterOffsets: [Int] {
        var offsets = [0]
        for network in networks { offsets.append(offsets.last! + network.parameterCount) }
        return offsets
    }

    /// All parameters of all element networks, concatenated in `settings.elements` order
    /// (each in n2p2's weights-file order). Setting it requires `parameterCount` values.
    public var parameters: [Double] {
        get { networks.flatMap(\.parameters) }
        set {
            precondition(newValue.count == parameterCount, "expected \(parameterCount) parameters, got \(newValue.count)")
            var start = 0
            for e in networks.indices {
                let count = networks[e].parameterCount
                networks[e].parameters = Array(newValue[start..<(start + count)])
                start += count
            }
        }
    }
}
