import BasinAtoms
import BasinMath
import BasinPotentials

/// Central finite differences of a potential, to check analytic derivatives: one
/// implementation for every module's tests.
public enum FiniteDifferences {
    /// −∂E/∂r_i by central differences with step h.
    public static func forces(_ calculator: Calculator, _ c: Configuration, step h: Double = 1e-5) throws -> [SIMD3<Double>] {
        var result: [SIMD3<Double>] = []
        for i in 0..<c.count {
            var f = SIMD3<Double>.zero
            for k in 0..<3 {
                var plus = c, minus = c
                plus.positions[i][k] += h
                minus.positions[i][k] -= h
                let ep = try calculator.evaluate(plus, .energy).energy
                let em = try calculator.evaluate(minus, .energy).energy
                f[k] = -(ep - em) / (2 * h)
            }
            result.append(f)
        }
        return result
    }

    /// Hessian by central differences of the analytic forces.
    public static func hessian(_ calculator: Calculator, _ c: Configuration, step h: Double = 1e-5) throws -> DenseMatrix {
        var h2 = DenseMatrix(rows: 3 * c.count, columns: 3 * c.count)
        for j in 0..<c.count {
            for l in 0..<3 {
                var plus = c, minus = c
                plus.positions[j][l] += h
                minus.positions[j][l] -= h
                let fp = try calculator.evaluate(plus, .forces).forces
                let fm = try calculator.evaluate(minus, .forces).forces
                for i in 0..<c.count {
                    for k in 0..<3 { h2[3 * i + k, 3 * j + l] = -(fp[i][k] - fm[i][k]) / (2 * h) }
                }
            }
        }
        return h2
    }

    /// The virial from the strain derivative of the energy: W_ab = −∂E/∂ε_ab, where positions
    /// and cell deform as r → (I + ε) r.
    public static func virial(_ calculator: Calculator, _ c: Configuration, step h: Double = 1e-6) throws -> Matrix3 {
        var w = Matrix3.zero
        for a in 0..<3 {
            for b in 0..<3 {
                func strained(_ e: Double) throws -> Double {
                    var strain = Matrix3.identity
                    strain[a, b] += e
                    var s = c
                    s.positions = c.positions.map { strain * $0 }
                    // Cell rows are vectors; each transforms like a position.
                    s.cell.vectors = Matrix3(rows: strain * c.cell.vectors[0], strain * c.cell.vectors[1], strain * c.cell.vectors[2])
                    return try calculator.evaluate(s, .energy).energy
                }
                w[a, b] = -(try strained(h) - strained(-h)) / (2 * h)
            }
        }
        return w
    }

    /// Largest |a − b| relative to the largest |b| (or absolute when b is tiny).
    public static func relativeError(_ a: [SIMD3<Double>], _ b: [SIMD3<Double>]) -> Double {
        var worst = 0.0, scale = 0.0
        for (x, y) in zip(a, b) {
            let d = x - y
            worst = max(worst, abs(d.x), abs(d.y), abs(d.z))
            scale = max(scale, abs(y.x), abs(y.y), abs(y.z))
        }
        return worst / max(scale, 1e-12)
    }
}
