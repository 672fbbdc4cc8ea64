/// How symmetry-function values G are mapped onto network inputs, as n2p2 does it
/// (SymFnc.cpp `setScalingType`/`scale`), with S_min, S_max from `scale_min_short` and
/// `scale_max_short` and G_min, G_max, ⟨G⟩, σ_G from scaling.data:
///
/// | input.nn flags | mode | input |
/// |---|---|---|
/// | none | `none` | G |
/// | `scale_symmetry_functions` | `scale` | S_min + (S_max − S_min)(G − G_min)/(G_max − G_min) |
/// | `center_symmetry_functions` | `center` | G − ⟨G⟩ |
/// | both | `scaleCenter` | S_min + (S_max − S_min)(G − ⟨G⟩)/(G_max − G_min) |
/// | `scale_symmetry_functions_sigma` | `sigma` | S_min + (S_max − S_min)(G − ⟨G⟩)/σ_G |
///
/// Values outside [G_min, G_max] are not clamped (n2p2 only warns about extrapolation).
public enum ScalingMode: Sendable, Hashable {
    case none, scale, center, scaleCenter, sigma

    /// Whether the mode reads scaling.data.
    public var needsStatistics: Bool { self != .none }
}

/// The statistics of one symmetry function over a data set, one row of scaling.data.
public struct SymmetryFunctionStatistics: Sendable, Hashable {
    public var minimum: Double
    public var maximum: Double
    public var mean: Double
    /// Sample standard deviation (n − 1); n2p2 files from before it was recorded lack it (0).
    public var sigma: Double

    public init(minimum: Double, maximum: Double, mean: Double, sigma: Double) {
        self.minimum = minimum
        self.maximum = maximum
        self.mean = mean
        self.sigma = sigma
    }
}

/// The input map of one function: input = S_min + factor·(G − offset), or G − offset for
/// `center` (S_min = 0, factor = 1), computed in n2p2's order of operations.
package struct InputScaling: Sendable {
    package let shift: Double, offset: Double, factor: Double

    package init(mode: ScalingMode, statistics s: SymmetryFunctionStatistics?, minimum: Double, maximum: Double) {
        switch mode {
        case .none: (shift, offset, factor) = (0, 0, 1)
        case .center: (shift, offset, factor) = (0, s!.mean, 1)
        case .scale: (shift, offset, factor) = (minimum, s!.minimum, Self.ratio(maximum - minimum, s!.maximum - s!.minimum))
        case .scaleCenter: (shift, offset, factor) = (minimum, s!.mean, Self.ratio(maximum - minimum, s!.maximum - s!.minimum))
        case .sigma: (shift, offset, factor) = (minimum, s!.mean, Self.ratio(maximum - minimum, s!.sigma))
        }
    }

    /// n2p2 divides by the statistics' range; a function that never varied gets factor 0
    /// (its input is constant, as it was in training) instead of a division by zero.
    private static func ratio(_ a: Double, _ b: Double) -> Double { b == 0 ? 0 : a / b }

    /// The network input for value `g`.
    @inline(__always) package func callAsFunction(_ g: Double) -> Double { shift + factor * (g - offset) }
}
