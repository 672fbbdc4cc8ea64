import BasinMath

/// The rigid-body motions of a set of atoms as directions in their 3N coordinates.
enum RigidModes {
    /// Orthonormal translations along x, y, z and, with `rotations`, the infinitesimal rotations
    /// about the centroid, ω × (rᵢ − c) for ω = x̂, ŷ, ẑ (Gram–Schmidt; a rotation that
    /// vanishes, as about the axis of a linear molecule, is dropped). `x` holds 3N coordinates.
    static func modes(at x: [Double], rotations: Bool) -> [[Double]] {
        let atoms = vectors(x)
        let n = atoms.count
        var candidates: [[Double]] = []
        for axis in 0..<3 {
            var t = [Double](repeating: 0, count: 3 * n)
            for i in 0..<n { t[3 * i + axis] = 1 }
            candidates.append(t)
        }
        if rotations {
            let centroid = atoms.reduce(SIMD3<Double>.zero, +) / Double(max(1, n))
            for axis in 0..<3 {
                var omega = SIMD3<Double>.zero
                omega[axis] = 1
                var r = [Double](repeating: 0, count: 3 * n)
                for i in 0..<n {
                    let v = cross(omega, atoms[i] - centroid)
                    r[3 * i] = v.x
                    r[3 * i + 1] = v.y
                    r[3 * i + 2] = v.z
                }
                candidates.append(r)
            }
        }
        var basis: [[Double]] = []
        for var candidate in candidates {
            let original = candidate.reduce(0) { $0 + $1 * $1 }.squareRoot()
            for b in basis {
                let overlap = zip(candidate, b).reduce(0) { $0 + $1.0 * $1.1 }
                for k in candidate.indices { candidate[k] -= overlap * b[k] }
            }
            let norm = candidate.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 1e-8 * max(original, 1) else { continue }
            basis.append(candidate.map { $0 / norm })
        }
        return basis
    }

    /// 3N coordinates as N vectors.
    static func vectors(_ x: [Double]) -> [SIMD3<Double>] {
        (0..<(x.count / 3)).map { SIMD3(x[3 * $0], x[3 * $0 + 1], x[3 * $0 + 2]) }
    }
}


extension RigidModes {
    /// The largest per-atom length maxᵢ |vᵢ| of 3N numbers.
    static func largestAtomLength(_ vector: [Double]) -> Double {
        var largest = 0.0
        for i in stride(from: 0, to: vector.count - 2, by: 3) {
            largest = max(largest, vector[i] * vector[i] + vector[i + 1] * vector[i + 1] + vector[i + 2] * vector[i + 2])
        }
        return largest.squareRoot()
    }
}
