import BasinMath
import Foundation

/// Proximity-matrix eigenvalue descriptors (Heiszwolf 2020, eq. 11): for each order o ≤ −2
/// the N_p × N_p matrix
///
///     P^o_ij = Σ_k (R₀p/r_ijk − r_ijk/R₀p)^(−o)
///
/// over the images k of particle j with r_ijk < R₀p (the term for i = j in the central cell
/// omitted), and its eigenvalues sorted ascending. The descriptor is the concatenation, order
/// by order, of each matrix's own sorted eigenvalues (never sorted across matrices):
/// `orders.count × N_p` numbers, invariant to translation and permutation and continuous in the
/// positions (each term and its slope vanish at r = R₀p).
public struct ProximityDescriptor: Sendable, Codable, Equatable {
    /// The orders o, each ≤ −2.
    public let orders: [Int]
    /// R₀p (length), > 0.
    public let cutoff: Double

    public init(orders: [Int], cutoff: Double = 20) throws(ToyModelError) {
        guard !orders.isEmpty else { throw .invalidParameter("at least one proximity-matrix order is needed") }
        if let bad = orders.first(where: { $0 > -2 }) { throw .invalidOrder(bad) }
        guard cutoff > 0, cutoff.isFinite else { throw .invalidParameter("the proximity cutoff R₀p must be positive, got \(cutoff)") }
        self.orders = orders
        self.cutoff = cutoff
    }

    /// The thesis's depth d_sp = ⌈R₀p/w⌉ + 1; with minimum-image separations it reaches every
    /// image within R₀p.
    public func depth(width: Double) -> Int { ImageLimit.depth(roundingUp: cutoff / width) + 1 }

    /// Throws when `structure` needs more images than `ImageLimit` allows.
    public func checkImages(_ structure: ToyStructure) throws(ToyModelError) {
        try ImageLimit.check(width: structure.width, depth: depth(width: structure.width), dimension: structure.dimension)
    }

    /// `orders.count × N_p` eigenvalues: those of P^(orders[0]) ascending, then the next order's.
    public func values(_ structure: ToyStructure) -> [Double] {
        let n = structure.count, w = structure.width, ds = depth(width: structure.width)
        // The distances below R₀p between each pair, collected once for all orders.
        var distances = [[Double]](repeating: [], count: n * n)
        let zRange = structure.dimension == 3 ? -ds...ds : 0...0
        for i in 0..<n {
            for j in i..<n {
                var base = structure.positions[j] - structure.positions[i]
                base -= w * (base / w).rounded(.toNearestOrEven)
                for a in -ds...ds { for b in -ds...ds { for c in zRange {
                    if i == j && a == 0 && b == 0 && c == 0 { continue }
                    let r = base + w * SIMD3(Double(a), Double(b), Double(c))
                    let d = (r * r).sum().squareRoot()
                    if d < cutoff { distances[i * n + j].append(d) }
                }}}
            }
        }
        var result: [Double] = []
        result.reserveCapacity(orders.count * n)
        for order in orders {
            var matrix = [Double](repeating: 0, count: n * n)
            for i in 0..<n {
                for j in i..<n {
                    let sum = distances[i * n + j].reduce(0.0) { $0 + pow(cutoff / $1 - $1 / cutoff, Double(-order)) }
                    matrix[i * n + j] = sum
                    matrix[j * n + i] = sum
                }
            }
            result += SymmetricEigensystem.eigenvalues(of: &matrix, order: n)
        }
        return result
    }
}

extension ProximityDescriptor {
    /// The descriptors of many structures, split over `threads`; row k belongs to structure k.
    public func values(of structures: [ToyStructure], threads: Int) -> [[Double]] {
        var rows = [[Double]](repeating: [], count: structures.count)
        let parts = max(1, min(threads, structures.count))
        rows.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            concurrentForEach(parts) { part in
                for k in stride(from: part, to: structures.count, by: parts) { buffer[k] = values(structures[k]) }
            }
        }
        return rows
    }
}
