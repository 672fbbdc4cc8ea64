import BasinMath

/// The rotation and translation that bring one set of points closest to another (least
/// squares, same numbering), by Horn's quaternion method (J. Opt. Soc. Am. A 4, 629 (1987)):
/// the rotation is the unit quaternion of the largest eigenvalue of the 4 × 4 matrix built from
/// the correlation Σ pᵢ qᵢᵀ of the centred points.
public enum RigidAlignment {
    /// `moving` translated and rotated onto `reference` (3N coordinates each, same numbering),
    /// and the remaining root-mean-square distance per atom (length units).
    public static func align(_ moving: [Double], onto reference: [Double]) -> (aligned: [Double], rmsd: Double) {
        precondition(moving.count == reference.count && moving.count % 3 == 0, "alignment needs 3N coordinates each")
        let p = RigidModes.vectors(moving), q = RigidModes.vectors(reference)
        let count = Double(max(1, p.count))
        let pc = p.reduce(SIMD3<Double>.zero, +) / count, qc = q.reduce(SIMD3<Double>.zero, +) / count
        var s = Matrix3.zero
        for (a, b) in zip(p, q) { s = s + Matrix3.outer(a - pc, b - qc) }
        var n = DenseMatrix(rows: 4, columns: 4)
        let entries: [[Double]] = [
            [s[0, 0] + s[1, 1] + s[2, 2], s[1, 2] - s[2, 1], s[2, 0] - s[0, 2], s[0, 1] - s[1, 0]],
            [s[1, 2] - s[2, 1], s[0, 0] - s[1, 1] - s[2, 2], s[0, 1] + s[1, 0], s[2, 0] + s[0, 2]],
            [s[2, 0] - s[0, 2], s[0, 1] + s[1, 0], -s[0, 0] + s[1, 1] - s[2, 2], s[1, 2] + s[2, 1]],
            [s[0, 1] - s[1, 0], s[2, 0] + s[0, 2], s[1, 2] + s[2, 1], -s[0, 0] - s[1, 1] + s[2, 2]],
        ]
        for i in 0..<4 { for j in 0..<4 { n[i, j] = entries[i][j] } }
        let w = SymmetricEigensystem(n).vectors[3]
        let (q0, q1, q2, q3) = (w[0], w[1], w[2], w[3])
        let rows = [
            SIMD3(q0 * q0 + q1 * q1 - q2 * q2 - q3 * q3, 2 * (q1 * q2 - q0 * q3), 2 * (q1 * q3 + q0 * q2)),
            SIMD3(2 * (q1 * q2 + q0 * q3), q0 * q0 - q1 * q1 + q2 * q2 - q3 * q3, 2 * (q2 * q3 - q0 * q1)),
            SIMD3(2 * (q1 * q3 - q0 * q2), 2 * (q2 * q3 + q0 * q1), q0 * q0 - q1 * q1 - q2 * q2 + q3 * q3),
        ]
        var aligned = [Double](repeating: 0, count: moving.count)
        var squared = 0.0
        for (i, r) in p.enumerated() {
            let d = r - pc
            let rotated = SIMD3(dot(rows[0], d), dot(rows[1], d), dot(rows[2], d)) + qc
            aligned[3 * i] = rotated.x
            aligned[3 * i + 1] = rotated.y
            aligned[3 * i + 2] = rotated.z
            let e = rotated - q[i]
            squared += dot(e, e)
        }
        return (aligned, (squared / count).squareRoot())
    }
}
