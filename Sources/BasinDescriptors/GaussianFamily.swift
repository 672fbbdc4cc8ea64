import Foundation

/// Gaussians exp(−η (r − r_s)²) of several (η, r_s) at one distance, sharing exponentials:
/// when η is a whole multiple k of a smaller η₀ of the same shift (k ≤ 64), the Gaussian is
/// the k-th power of η₀'s, so a function set whose widths form such ladders (n2p2's and
/// RuNNer's generated sets often do: η = 0.001, 0.01, 0.03, 0.06 share η₀ = 0.001) needs
/// one exponential per shift instead of one per width. Powers by repeated squaring lose at
/// most about 2 log₂ k ulp, far below 1e-12 relative.
struct GaussianFamily: Sendable {
    /// The (η, r_s) whose exponentials are computed.
    let bases: [(eta: Double, shift: Double)]
    /// Each Gaussian's base and power, in the order given.
    let terms: [(base: Int, power: Int)]
    /// Each Gaussian's η, for the slopes −2η(r − r_s).
    let etas: [Double]
    let shifts: [Double]

    init(_ gaussians: [(eta: Double, shift: Double)]) {
        var bases: [(eta: Double, shift: Double)] = []
        // Smallest width first, so that the wider ones find it as their base.
        for (eta, shift) in gaussians.sorted(by: { $0.eta < $1.eta }) where Self.power(of: eta, shift, over: bases) == nil {
            bases.append((eta, shift))
        }
        self.bases = bases
        terms = gaussians.map { Self.power(of: $0.eta, $0.shift, over: bases)! }
        etas = gaussians.map(\.eta)
        shifts = gaussians.map(\.shift)
    }

    private static func power(of eta: Double, _ shift: Double, over bases: [(eta: Double, shift: Double)]) -> (base: Int, power: Int)? {
        for (b, base) in bases.enumerated() where base.shift == shift {
            if base.eta == eta { return (b, 1) }
            guard base.eta > 0 else { continue }
            let ratio = eta / base.eta, k = ratio.rounded()
            if k >= 1 && k <= 64 && abs(ratio - k) <= 1e-14 * k { return (b, Int(k)) }
        }
        return nil
    }

    var count: Int { terms.count }

    /// Writes exp(−η_q (r − r_s,q)²) to `values[q]`, using `scratch` (room for `bases.count`):
    /// at one distance, or at four at once (lanes, with `exponential` for exp).
    @inline(__always)
    func evaluate<X: Squarable>(at r: X, into values: UnsafeMutablePointer<X>, scratch: UnsafeMutablePointer<X>) {
        evaluateBases(at: r, into: scratch)
        raise(scratch, into: values)
    }

    /// Writes each base's exp(−η_b (r − r_s,b)²) to `values[b]`.
    @inline(__always)
    func evaluateBases<X: Squarable>(at r: X, into values: UnsafeMutablePointer<X>) {
        for b in bases.indices { values[b] = X.gaussian(r, eta: bases[b].eta, shift: bases[b].shift) }
    }

    /// Writes each Gaussian, its base's value in `baseValues` to its power, to `values[q]`. A
    /// product of Gaussians of one (η, r_s) at several distances is raised the same way from
    /// the product of its bases' values: (Π_d e_b(r_d))^k = Π_d e_b(r_d)^k.
    @inline(__always)
    func raise<X: Squarable>(_ baseValues: UnsafePointer<X>, into values: UnsafeMutablePointer<X>) {
        for q in terms.indices {
            let (b, k) = terms[q]
            values[q] = Self.power(baseValues[b], k)
        }
    }

    /// x^k for k ≥ 1 by repeated squaring (a number, or four lanes alike).
    @inline(__always)
    static func power<X: Squarable>(_ x: X, _ k: Int) -> X {
        if k == 1 { return x }
        var result = X.one, base = x, k = k
        while k > 0 {
            if k & 1 == 1 { result = result * base }
            k >>= 1
            if k > 0 { base = base * base }
        }
        return result
    }
}

/// What `GaussianFamily` evaluates at: a number or a vector of lanes.
protocol Squarable {
    static var one: Self { get }
    static func * (a: Self, b: Self) -> Self
    /// exp(−η (r − r_s)²).
    static func gaussian(_ r: Self, eta: Double, shift: Double) -> Self
}

extension Double: Squarable {
    static var one: Double { 1 }

    @inline(__always)
    static func gaussian(_ r: Double, eta: Double, shift: Double) -> Double {
        let u = r - shift
        return exp(-eta * u * u)
    }
}

extension SIMD4: Squarable where Scalar == Double {
    static var one: SIMD4<Double> { SIMD4(repeating: 1) }

    @inline(__always)
    static func gaussian(_ r: SIMD4<Double>, eta: Double, shift: Double) -> SIMD4<Double> {
        let u = r - shift
        return exponential(-eta * u * u)
    }
}
