import BasinMath
import BasinOptimize
import BasinPaths
import Foundation

/// The Müller–Brown surface (Müller & Brown, Theor. Chim. Acta 53, 75 (1979)):
/// V(x, y) = Σₖ Aₖ exp(aₖ(x − x̄ₖ)² + bₖ(x − x̄ₖ)(y − ȳₖ) + cₖ(y − ȳₖ)²), with analytic gradient
/// and Hessian. Minima A (−0.558, 1.442), C (−0.050, 0.467), B (0.623, 0.028); saddles
/// (−0.822, 0.624) between A and C and (0.212, 0.293) between C and B.
struct MullerBrown: LandscapeSurface {
    static let amplitude = [-200.0, -100, -170, 15]
    static let a = [-1.0, -1, -6.5, 0.7]
    static let b = [0.0, 0, 11, 0.6]
    static let c = [-10.0, -10, -6.5, 0.7]
    static let centerX = [1.0, 0, -0.5, -1]
    static let centerY = [0.0, 0.5, 1.5, 1]

    var dimension: Int { 2 }

    func evaluate(at p: [Double], gradient: inout [Double]) -> Double {
        var value = 0.0
        gradient[0] = 0
        gradient[1] = 0
        for k in 0..<4 {
            let dx = p[0] - Self.centerX[k], dy = p[1] - Self.centerY[k]
            let term = Self.amplitude[k] * exp(Self.a[k] * dx * dx + Self.b[k] * dx * dy + Self.c[k] * dy * dy)
            value += term
            gradient[0] += term * (2 * Self.a[k] * dx + Self.b[k] * dy)
            gradient[1] += term * (Self.b[k] * dx + 2 * Self.c[k] * dy)
        }
        return value
    }

    func hessian(at p: [Double]) -> DenseMatrix {
        var h = DenseMatrix(rows: 2, columns: 2)
        for k in 0..<4 {
            let dx = p[0] - Self.centerX[k], dy = p[1] - Self.centerY[k]
            let term = Self.amplitude[k] * exp(Self.a[k] * dx * dx + Self.b[k] * dx * dy + Self.c[k] * dy * dy)
            let ux = 2 * Self.a[k] * dx + Self.b[k] * dy, uy = Self.b[k] * dx + 2 * Self.c[k] * dy
            h[0, 0] += term * (ux * ux + 2 * Self.a[k])
            h[0, 1] += term * (ux * uy + Self.b[k])
            h[1, 1] += term * (uy * uy + 2 * Self.c[k])
        }
        h[1, 0] = h[0, 1]
        return h
    }

    func symmetryModes(at x: [Double]) -> [[Double]] { [] }

    func aligned(_ x: [Double], onto reference: [Double]) -> [Double] { x }

    func sameMinimum(_ a: [Double], value valueA: Double, _ b: [Double], value valueB: Double) -> Bool {
        hypot(a[0] - b[0], a[1] - b[1]) < 1e-4
    }

    /// The minimum nearest `guess`, by L-BFGS.
    func minimum(near guess: [Double]) -> StationaryPoint {
        var surface = self
        let result = LBFGS().minimize(&surface, from: guess, until: StoppingCriteria(maximumForce: 1e-10, maximumSteps: 1000))
        return StationaryPoint(point: result.point, value: result.value, maximumForce: result.maximumForce)
    }
}
