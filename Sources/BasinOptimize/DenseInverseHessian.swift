import Foundation

/// The dense BFGS approximation H of the inverse Hessian, n × n numbers allocated once.
///
/// Each pair s = xₖ₊₁ − xₖ, y = ∇fₖ₊₁ − ∇fₖ with ρ = 1 / sᵀy updates it as (Nocedal & Wright,
/// *Numerical Optimization*, 2nd ed., eq. 6.17)
///
///     H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
///       = H − ρ (H y sᵀ + s yᵀH) + (ρ² yᵀH y + ρ) s sᵀ      (H symmetric)
///
/// at O(n²) cost. Before the first update H is rescaled from I to (sᵀy / yᵀy) I (their
/// eq. 6.20). Invariant: H stays symmetric positive definite, because pairs whose sᵀy is not
/// safely positive are skipped.
///
/// A value carries what BFGS has learned; passing it to `BFGS.minimize(…continuing:)` again
/// continues with that curvature. It is `Codable`: H is encoded as one block of n² little-endian
/// doubles (base64 in JSON), which costs 8n² bytes (×4/3) instead of a tree of n² numbers. A
/// checkpoint that keeps H in a binary file of its own takes it out first (`takeMatrix`, which
/// leaves an empty block to encode) and puts it back after decoding (`restoreMatrix`). Equality
/// compares H, not the scratch memory.
public struct DenseInverseHessian: InverseHessianApproximation, Codable, Sendable, Equatable {
    public let dimension: Int
    /// H, row-major.
    private var matrix: [Double]
    /// Scratch for H y.
    private var hy: [Double]
    /// Whether H is still the unscaled identity.
    private(set) var isEmpty = true

    /// H = I for a problem of `dimension` variables.
    public init(dimension: Int) {
        self.dimension = dimension
        matrix = [Double](repeating: 0, count: dimension * dimension)
        hy = [Double](repeating: 0, count: dimension)
        clear()
    }

    private enum CodingKeys: String, CodingKey { case dimension, isEmpty, matrix }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        dimension = try c.decode(Int.self, forKey: .dimension)
        isEmpty = try c.decode(Bool.self, forKey: .isEmpty)
        let bytes = try c.decode(Data.self, forKey: .matrix)
        guard dimension >= 0, bytes.count == 8 * dimension * dimension || bytes.isEmpty else {
            throw DecodingError.dataCorruptedError(
                forKey: .matrix, in: c, debugDescription: "\(bytes.count) bytes for a \(dimension) × \(dimension) matrix")
        }
        let n = dimension, count = bytes.count / 8
        matrix = bytes.withUnsafeBytes { raw in
            (0..<count).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self))) }
        }
        hy = [Double](repeating: 0, count: n)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(dimension, forKey: .dimension)
        try c.encode(isEmpty, forKey: .isEmpty)
        var bytes = Data(capacity: 8 * matrix.count)
        for value in matrix {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        try c.encode(bytes, forKey: .matrix)
    }

    public static func == (a: DenseInverseHessian, b: DenseInverseHessian) -> Bool {
        a.dimension == b.dimension && a.isEmpty == b.isEmpty && a.matrix == b.matrix
    }

    /// Hands over H (row-major, n² numbers) without copying it, leaving none: until
    /// `restoreMatrix` the value is only for encoding.
    public mutating func takeMatrix() -> [Double] {
        defer { matrix = [] }
        return matrix
    }

    /// Puts back H as `takeMatrix` handed it over; false (and no change) unless it has n² numbers.
    public mutating func restoreMatrix(_ values: [Double]) -> Bool {
        guard values.count == dimension * dimension else { return false }
        matrix = values
        return true
    }

    /// H ← I.
    mutating func clear() {
        for k in matrix.indices { matrix[k] = 0 }
        for i in 0..<dimension { matrix[i * dimension + i] = 1 }
        isEmpty = true
    }

    /// Updates H with the pair from (x, g) to (xNew, gNew), unless sᵀy is not safely positive
    /// (sᵀy ≤ 10⁻¹² |s| |y|, which includes sᵀy ≤ 0), in which case H is unchanged.
    mutating func append(from x: [Double], to xNew: [Double], gradient g: [Double], to gNew: [Double]) {
        let n = dimension
        var sy = 0.0, ss = 0.0, yy = 0.0
        for k in 0..<n {
            let dx = xNew[k] - x[k], dg = gNew[k] - g[k]
            sy += dx * dg
            ss += dx * dx
            yy += dg * dg
        }
        guard sy > 1e-12 * (ss * yy).squareRoot() else { return }
        if isEmpty {
            let scale = sy / yy
            for i in 0..<n { matrix[i * n + i] = scale }
            isEmpty = false
        }
        let rho = 1 / sy
        var yHy = 0.0
        for i in 0..<n {
            var sum = 0.0
            for j in 0..<n { sum += matrix[i * n + j] * (gNew[j] - g[j]) }
            hy[i] = sum
            yHy += (gNew[i] - g[i]) * sum
        }
        let ssWeight = rho * rho * yHy + rho
        for i in 0..<n {
            let si = xNew[i] - x[i]
            for j in 0..<n {
                let sj = xNew[j] - x[j]
                matrix[i * n + j] += -rho * (hy[i] * sj + si * hy[j]) + ssWeight * si * sj
            }
        }
    }

    /// r ← H g.
    func applyInverseHessian(to g: [Double], into r: inout [Double]) {
        let n = dimension
        for i in 0..<n {
            var sum = 0.0
            for j in 0..<n { sum += matrix[i * n + j] * g[j] }
            r[i] = sum
        }
    }
}
