@testable import BasinDescriptors
import Foundation
import Testing

@Suite struct CutoffFunctionTests {
    static let cases: [(CutoffKind, Double)] = CutoffKind.allCases.flatMap { [($0, 0.0), ($0, 0.3)] }

    @Test(arguments: cases)
    func derivativeMatchesFiniteDifferences(kind: CutoffKind, alpha: Double) {
        let f = CutoffFunction(kind: kind, radius: 5, alpha: alpha)
        let h = 1e-6
        for r in stride(from: 0.05, to: 4.99, by: 0.137) where abs(r - f.innerRadius) > 1e-3 {
            let numeric = (f.value(r + h) - f.value(r - h)) / (2 * h)
            #expect(abs(f.valueAndDerivative(r).derivative - numeric) < 1e-7, "\(kind) α=\(alpha) r=\(r)")
        }
    }

    @Test(arguments: cases)
    func endpoints(kind: CutoffKind, alpha: Double) {
        let f = CutoffFunction(kind: kind, radius: 5, alpha: alpha)
        let inner = kind == .tanhUnnormalized ? pow(tanh(1.0), 3) : 1
        #expect(abs(f.value(0) - inner) < 1e-14)
        #expect(f.value(5) == 0 && f.value(6) == 0)
        #expect(f.valueAndDerivative(5).derivative == 0)
        if kind.usesInnerRadius { #expect(f.value(f.innerRadius) == 1) }
        if kind != .hard {
            // Continuous at r_c.
            #expect(f.value(5 - 1e-7) < 1e-6)
        }
        if kind != .hard && kind != .tanhUnnormalized && kind != .tanh {
            // Smooth at r_c: the slope vanishes there.
            #expect(abs(f.valueAndDerivative(5 - 1e-7).derivative) < 1e-5)
        }
    }

    /// The four-lane form the angular loops use gives the scalar form's numbers.
    @Test(arguments: cases)
    func fourLanesEqualOneByOne(kind: CutoffKind, alpha: Double) {
        let f = CutoffFunction(kind: kind, radius: 5, alpha: alpha)
        // Lanes below the inner radius, across the switching range, at r_c and beyond.
        for r in [SIMD4(0.3, 1.2, 1.6, 2.9), SIMD4(3.3, 4.1, 4.75, 4.999), SIMD4(5, 5.5, 0.05, 1.5)] {
            let (value, derivative) = f.valueAndDerivative(r)
            // The tanh³ types use the vector exponential and 1/r_c as a factor: rounding apart.
            let tolerance = kind == .tanh || kind == .tanhUnnormalized ? 1e-14 : 0
            for lane in 0..<4 {
                let one = f.valueAndDerivative(r[lane])
                #expect(abs(value[lane] - one.value) <= tolerance && abs(derivative[lane] - one.derivative) <= tolerance, "\(kind) α=\(alpha) r=\(r[lane])")
            }
        }
    }

    @Test func tanhNormalizationIsCothCubedOfOne() {
        let e = exp(1.0), c = (e + 1 / e) / (e - 1 / e)
        #expect(CutoffFunction.tanhNormalization == c * c * c)
    }

    @Test func n2p2Formulas() {
        let x = 0.4, r = 2.0 + 3.0 * x  // α = 0.4, r_c = 5: r_ci = 2.
        func at(_ kind: CutoffKind) -> Double { CutoffFunction(kind: kind, radius: 5, alpha: 0.4).value(r) }
        #expect(abs(at(.cosine) - 0.5 * (cos(Double.pi * x) + 1)) < 1e-15)
        #expect(abs(at(.exponential) - exp(1 - 1 / (1 - x * x))) < 1e-15)
        #expect(abs(at(.polynomial2) - (((15 - 6 * x) * x - 10) * x * x * x + 1)) < 1e-15)
        let e = exp(1.0), c = pow((e + 1 / e) / (e - 1 / e), 3)
        #expect(abs(at(.tanh) - c * pow(tanh(1 - r / 5), 3)) < 1e-14)
    }
}
