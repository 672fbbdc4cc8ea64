import Foundation

extension Matrix3 {
    /// The eigenvalues of a symmetric matrix, ascending.
    ///
    /// Closed form for 3 × 3 symmetric matrices (the trigonometric solution of the
    /// characteristic cubic; Smith, Commun. ACM 4, 168 (1961)). Only the upper triangle is read.
    /// Accurate to a few ulps of the largest magnitude, which is what invariants such as
    /// principal moments need.
    public var symmetricEigenvalues: SIMD3<Double> {
        let a = self
        let offDiagonal = a[0, 1] * a[0, 1] + a[0, 2] * a[0, 2] + a[1, 2] * a[1, 2]
        if offDiagonal == 0 {
            return Self.ascending(a[0, 0], a[1, 1], a[2, 2])
        }
        let q = a.trace / 3
        let d = SIMD3(a[0, 0] - q, a[1, 1] - q, a[2, 2] - q)
        let p = (((d * d).sum() + 2 * offDiagonal) / 6).squareRoot()
        // B = (A − qI) / p; r = det(B) / 2 ∈ [−1, 1].
        let b00 = d.x / p, b11 = d.y / p, b22 = d.z / p
        let b01 = a[0, 1] / p, b02 = a[0, 2] / p, b12 = a[1, 2] / p
        let det = b00 * (b11 * b22 - b12 * b12) - b01 * (b01 * b22 - b12 * b02) + b02 * (b01 * b12 - b11 * b02)
        let r = min(max(det / 2, -1), 1)
        let phi = acos(r) / 3
        let largest = q + 2 * p * cos(phi)
        let smallest = q + 2 * p * cos(phi + 2 * Double.pi / 3)
        let middle = 3 * q - largest - smallest
        return Self.ascending(smallest, middle, largest)
    }

    private static func ascending(_ x: Double, _ y: Double, _ z: Double) -> SIMD3<Double> {
        var v = [x, y, z]
        v.sort()
        return SIMD3(v[0], v[1], v[2])
    }
}
