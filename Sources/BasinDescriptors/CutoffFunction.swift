import Foundation

/// The cutoff functions of n2p2, by their `cutoff_type` code (n2p2 src/libnnp/CutoffFunction.h).
///
/// The types marked α switch on at the inner radius r_ci = α·r_c: f_c = 1 below it, and above it
/// f_c = f(x) with x = (r − r_ci)/(r_c − r_ci). Every type is 0 at and beyond r_c.
public enum CutoffKind: Int, Sendable, Hashable, CaseIterable {
    /// 0: f_c = 1 (a step at r_c).
    case hard = 0
    /// 1 (α): ½[cos(πx) + 1] (Behler, J. Chem. Phys. 134, 074106 (2011), Eq. 4).
    case cosine = 1
    /// 2: tanh³(1 − r/r_c), not normalized (f_c(0) = tanh³ 1 ≈ 0.4417); α is ignored.
    case tanhUnnormalized = 2
    /// 3: c·tanh³(1 − r/r_c) with c = coth³ 1, so that f_c(0) = 1; α is ignored.
    case tanh = 3
    /// 4 (α): exp(1 − 1/(1 − x²)).
    case exponential = 4
    /// 5 (α): (2x − 3)x² + 1.
    case polynomial1 = 5
    /// 6 (α): ((15 − 6x)x − 10)x³ + 1.
    case polynomial2 = 6
    /// 7 (α): (x(x(20x − 70) + 84) − 35)x⁴ + 1.
    case polynomial3 = 7
    /// 8 (α): (x(x((315 − 70x)x − 540) + 420) − 126)x⁵ + 1.
    case polynomial4 = 8

    /// Whether the inner radius α·r_c applies.
    public var usesInnerRadius: Bool { self != .hard && self != .tanhUnnormalized && self != .tanh }
}

/// A cutoff function f_c(r) of radius r_c, as n2p2 defines it (see `CutoffKind`).
public struct CutoffFunction: Sendable, Hashable {
    public let kind: CutoffKind
    /// Cutoff radius r_c (length units).
    public let radius: Double
    /// Inner-radius fraction α, 0 ≤ α < 1 (n2p2's optional second `cutoff_type` argument).
    public let alpha: Double
    /// Inner radius r_ci = α·r_c (length units); 0 for the types that ignore α.
    public let innerRadius: Double
    /// 1/r_c (length⁻¹), for the vector form.
    let inverseRadius: Double

    /// coth³ 1, the factor that normalizes the tanh³ cutoff (n2p2's `TANH_PRE`): c·c·c with
    /// c = (e + 1/e)/(e − 1/e), e = exp(1), written out so that reading it needs no lazy
    /// initialization inside the pair loops.
    static let tanhNormalization = 2.2637537952253504

    public init(kind: CutoffKind, radius: Double, alpha: Double = 0) {
        precondition(radius > 0, "the cutoff radius must be positive")
        precondition(alpha >= 0 && alpha < 1, "alpha must lie in [0, 1)")
        self.kind = kind
        self.radius = radius
        self.alpha = alpha
        innerRadius = kind.usesInnerRadius ? alpha * radius : 0
        inverseRadius = 1 / radius
    }

    /// f_c(r) (dimensionless).
    @inlinable
    public func value(_ r: Double) -> Double { valueAndDerivative(r).value }

    /// f_c(r) and df_c/dr (length⁻¹).
    public func valueAndDerivative(_ r: Double) -> (value: Double, derivative: Double) {
        if r >= radius { return (0, 0) }
        switch kind {
        case .hard:
            return (1, 0)
        case .tanhUnnormalized, .tanh:
            // t = tanh y = (1 − E)/(1 + E) and 1 − t² = 4E/(1 + E)² with E = exp(−2y),
            // y = 1 − r/r_c ∈ (0, 1]: one exponential, several times cheaper than tanh. Near r_c
            // (y → 0) t loses about ε/2y relative to tanh, while t³ ≈ y³ vanishes: the absolute
            // error of f_c stays below 2ε y².
            let e = exp(-2 * (1 - r / radius)), inverse = 1 / (1 + e)
            let t = (1 - e) * inverse
            let scale = kind == .tanh ? Self.tanhNormalization : 1
            return (scale * t * t * t, -scale * 12 * t * t * e * inverse * inverse / radius)
        default:
            break
        }
        if r <= innerRadius { return (1, 0) }
        let width = radius - innerRadius
        let x = (r - innerRadius) / width
        if let (f, dfdx) = kind.polynomial(x) { return (f, dfdx / width) }
        let f: Double, dfdx: Double
        switch kind {
        case .cosine:
            f = 0.5 * (cos(Double.pi * x) + 1)
            dfdx = -0.5 * Double.pi * sin(Double.pi * x)
        case .exponential:
            let e = exp(1 - 1 / (1 - x * x))
            f = e
            dfdx = -2 * x * e / ((1 - x * x) * (1 - x * x))
        default:
            fatalError("handled above")
        }
        return (f, dfdx / width)
    }
}
