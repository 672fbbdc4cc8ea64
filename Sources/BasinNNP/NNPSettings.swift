import BasinAtoms
import BasinDescriptors
import BasinNN

/// The contents of an n2p2 `input.nn` that define a second-generation HDNNP: elements, energy
/// offsets and normalization, cutoff, symmetry functions, input scaling and network shapes.
///
/// Keywords follow n2p2 (src/libnnp/Settings.cpp, Mode.cpp; see `parse`). Settings that do not
/// change what the model computes (training options and the like) are kept verbatim in
/// `otherSettings`, so that a model read and written again keeps them.
public struct NNPSettings: Sendable, Equatable {
    /// The elements, in atomic-number order (n2p2's element index order).
    public var elements: [Element]
    /// `atom_energy`: free-atom energy offsets (model energy units); absent elements have 0.
    public var atomEnergies: [Element: Double]
    /// `cutoff_type <code> [alpha]`: the cutoff function of every symmetry function.
    public var cutoffKind: CutoffKind
    public var cutoffAlpha: Double
    /// Symmetry functions of each element, in `elements` order (each in n2p2's sorted order).
    public var symmetryFunctions: [SymmetryFunctionSet]
    /// How values are scaled into network inputs.
    public var scaling: ScalingMode
    /// `scale_min_short`, `scale_max_short` (default 0 and 1).
    public var scaleMinimum: Double
    public var scaleMaximum: Double
    /// `mean_energy`, `conv_energy`, `conv_length`, when the data set was normalized.
    public var normalization: EnergyNormalization?
    /// The network shape of each element, in `elements` order.
    public var architectures: [NetworkArchitecture]
    /// `normalize_nodes`.
    public var normalizesNodes: Bool
    /// Other keyword lines (comments stripped, tokens separated by one space), in file order.
    public var otherSettings: [String]

    public init(
        elements: [Element], atomEnergies: [Element: Double] = [:], cutoffKind: CutoffKind, cutoffAlpha: Double = 0,
        symmetryFunctions: [SymmetryFunctionSet], scaling: ScalingMode, scaleMinimum: Double = 0, scaleMaximum: Double = 1,
        normalization: EnergyNormalization? = nil, architectures: [NetworkArchitecture], normalizesNodes: Bool = false,
        otherSettings: [String] = []
    ) {
        precondition(symmetryFunctions.map(\.central) == elements, "one symmetry-function set per element, in order")
        precondition(architectures.count == elements.count, "one architecture per element")
        self.elements = elements
        self.atomEnergies = atomEnergies
        self.cutoffKind = cutoffKind
        self.cutoffAlpha = cutoffAlpha
        self.symmetryFunctions = symmetryFunctions
        self.scaling = scaling
        self.scaleMinimum = scaleMinimum
        self.scaleMaximum = scaleMaximum
        self.normalization = normalization
        self.architectures = architectures
        self.normalizesNodes = normalizesNodes
        self.otherSettings = otherSettings
    }

    /// Largest symmetry-function cutoff radius (model length units).
    public var cutoffRadius: Double { symmetryFunctions.map(\.cutoffRadius).max() ?? 0 }

    /// The free-atom energy of `element` (model energy units), 0 when not given.
    public func atomEnergy(_ element: Element) -> Double { atomEnergies[element] ?? 0 }
}
