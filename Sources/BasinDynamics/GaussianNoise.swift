import BasinMath
import Foundation

extension SeededGenerator {
    /// Two independent standard normal deviates from one accepted pair of uniforms (Marsaglia's
    /// polar method, keeping both results; SIAM Review 6, 260 (1964)).
    mutating func normalPair() -> (Double, Double) {
        while true {
            let u = 2 * uniform() - 1
            let v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let factor = (-2 * log(s) / s).squareRoot()
                return (u * factor, v * factor)
            }
        }
    }

    /// Fills `buffer` with vectors of independent standard normal components, using every
    /// deviate the polar method yields.
    mutating func fillNormal(_ buffer: UnsafeMutableBufferPointer<SIMD3<Double>>) {
        var spare = 0.0
        var hasSpare = false
        for i in 0..<buffer.count {
            let (x, y) = normalPair()
            let z: Double
            if hasSpare {
                z = spare
            } else {
                (z, spare) = normalPair()
            }
            hasSpare.toggle()
            buffer[i] = SIMD3(x, y, z)
        }
    }
}
