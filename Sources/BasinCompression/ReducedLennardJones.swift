import BasinMath

/// The reduced Lennard-Jones problem of Retzlaff, Munson & Di: V_n(X) = Σ_{i<j} (d_ij⁻¹² − d_ij⁻⁶)
/// (the usual 4ε-scaled energy divided by 4ε, σ = 1) in the reduced coordinates of
/// `ReducedLayout`, with its gradient U_n = ∇V_n and Hessian U_n′.
///
/// With s = d², a pair contributes g(s) = s⁻⁶ − s⁻³; its Cartesian Hessian block is
/// K = 2g′(s)·I + 4g″(s)·δδᵀ (δ = rᵢ − rⱼ), added to the (i, i) and (j, j) blocks and subtracted
/// from (i, j) and (j, i). The reduced Hessian is that matrix with the six fixed rows and
/// columns removed. Everything is in reduced units (ε = σ = 1).
public struct ReducedLennardJones: Sendable {
    public let layout: ReducedLayout
    /// `layout.table`, kept for the pair loops.
    let table: [Int]

    public init(atomCount: Int) {
        layout = ReducedLayout(atomCount: atomCount)
        table = layout.table
    }

    public var variableCount: Int { layout.variableCount }

    /// V_n(X).
    public func energy(_ x: [Double]) -> Double {
        let p = layout.positions(from: x)
        var total = 0.0
        for i in 0..<p.count {
            for j in (i + 1)..<p.count {
                let delta = p[i] - p[j]
                let inverse = 1 / (delta * delta).sum()
                let inverse3 = inverse * inverse * inverse
                total += inverse3 * (inverse3 - 1)
            }
        }
        return total
    }

    /// U_n(X) = ∇V_n(X).
    public func gradient(_ x: [Double]) -> [Double] {
        let p = layout.positions(from: x)
        var cartesian = [SIMD3<Double>](repeating: .zero, count: p.count)
        for i in 0..<p.count {
            var force = SIMD3<Double>.zero
            for j in (i + 1)..<p.count {
                let delta = p[i] - p[j]
                let inverse = 1 / (delta * delta).sum()
                let inverse3 = inverse * inverse * inverse
                // 2 g′(s) with g′(s) = −6 s⁻⁷ + 3 s⁻⁴.
                let factor = 2 * inverse3 * inverse * (3 - 6 * inverse3)
                force += factor * delta
                cartesian[j] -= factor * delta
            }
            cartesian[i] += force
        }
        var g = [Double](repeating: 0, count: variableCount)
        for atom in 0..<p.count {
            for d in 0..<3 {
                let index = table[3 * atom + d]
                if index >= 0 { g[index] = cartesian[atom][d] }
            }
        }
        return g
    }

    /// Fills `hessian` (variableCount × variableCount) with U_n′(X), atoms split over `threads`.
    /// Each atom's rows are written by one thread, each pair computed from both sides.
    public func hessian(_ x: [Double], into hessian: inout DenseMatrix, threads: Int = 1) {
        let m = variableCount
        precondition(hessian.rows == m && hessian.columns == m, "the Hessian must be \(m) × \(m)")
        // Atom 1 has no free rows.
        Self.fill(&hessian, positions: layout.positions(from: x), table: table, atoms: 1..<layout.atomCount, threads: threads)
    }

    /// The full 3n × 3n Cartesian Hessian of V_n at `positions` (rows x, y, z of each atom in
    /// turn), whose six rigid motions are zero modes at a minimum.
    public static func cartesianHessian(_ positions: [SIMD3<Double>], threads: Int = 1) -> DenseMatrix {
        let size = 3 * positions.count
        var hessian = DenseMatrix(rows: size, columns: size)
        fill(&hessian, positions: positions, table: Array(0..<size), atoms: 0..<positions.count, threads: threads)
        return hessian
    }

    /// The rows of `atoms` (split over `threads` from 64 atoms on), with `table` mapping each
    /// Cartesian component to its column (−1 for fixed ones).
    private static func fill(
        _ hessian: inout DenseMatrix, positions: [SIMD3<Double>], table: [Int], atoms: Range<Int>, threads: Int
    ) {
        let columns = hessian.columns
        let n = atoms.count
        let parts = positions.count >= 64 ? max(1, threads) : 1
        positions.withUnsafeBufferPointer { p in
            table.withUnsafeBufferPointer { table in
                hessian.storage.withUnsafeMutableBufferPointer { h in
                    let h = h.baseAddress!
                    concurrentForEach(parts) { part in
                        for i in (atoms.lowerBound + n * part / parts)..<(atoms.lowerBound + n * (part + 1) / parts) {
                            hessianRows(atom: i, positions: p, table: table, into: h, columns: columns)
                        }
                    }
                }
            }
        }
    }

    /// The rows of atom `i`: off-diagonal blocks −K_ij, diagonal block Σ_j K_ij.
    @inline(__always)
    static func hessianRows(
        atom i: Int, positions p: UnsafeBufferPointer<SIMD3<Double>>, table: UnsafeBufferPointer<Int>,
        into h: UnsafeMutablePointer<Double>, columns m: Int
    ) {
        let rows = (table[3 * i], table[3 * i + 1], table[3 * i + 2])
        var dxx = 0.0, dxy = 0.0, dxz = 0.0, dyy = 0.0, dyz = 0.0, dzz = 0.0
        let pi = p[i]
        for j in 0..<p.count where j != i {
            let delta = pi - p[j]
            let inverse = 1 / (delta * delta).sum()
            let inverse3 = inverse * inverse * inverse
            let inverse4 = inverse3 * inverse
            let diagonal = 2 * inverse4 * (3 - 6 * inverse3)  // 2 g′(s)
            let outer = 4 * inverse4 * inverse * (42 * inverse3 - 12)  // 4 g″(s)
            let kxx = diagonal + outer * delta.x * delta.x, kyy = diagonal + outer * delta.y * delta.y
            let kzz = diagonal + outer * delta.z * delta.z
            let kxy = outer * delta.x * delta.y, kxz = outer * delta.x * delta.z, kyz = outer * delta.y * delta.z
            dxx += kxx; dxy += kxy; dxz += kxz; dyy += kyy; dyz += kyz; dzz += kzz
            let cx = table[3 * j], cy = table[3 * j + 1], cz = table[3 * j + 2]
            if j >= 3 {
                // Atoms from the fourth on have three consecutive free columns.
                if rows.0 >= 0 { let r = h + rows.0 * m + cx; r[0] = -kxx; r[1] = -kxy; r[2] = -kxz }
                if rows.1 >= 0 { let r = h + rows.1 * m + cx; r[0] = -kxy; r[1] = -kyy; r[2] = -kyz }
                if rows.2 >= 0 { let r = h + rows.2 * m + cx; r[0] = -kxz; r[1] = -kyz; r[2] = -kzz }
            } else {
                store(h, rows, (cx, cy, cz), m, (-kxx, -kxy, -kxz, -kyy, -kyz, -kzz))
            }
        }
        let c = rows
        store(h, rows, c, m, (dxx, dxy, dxz, dyy, dyz, dzz))
    }

    /// Writes a symmetric 3×3 block (xx, xy, xz, yy, yz, zz) at the free rows and columns.
    @inline(__always)
    static func store(
        _ h: UnsafeMutablePointer<Double>, _ rows: (Int, Int, Int), _ columns: (Int, Int, Int), _ m: Int,
        _ k: (Double, Double, Double, Double, Double, Double)
    ) {
        let values = ((k.0, k.1, k.2), (k.1, k.3, k.4), (k.2, k.4, k.5))
        func put(_ row: Int, _ v: (Double, Double, Double)) {
            guard row >= 0 else { return }
            if columns.0 >= 0 { h[row * m + columns.0] = v.0 }
            if columns.1 >= 0 { h[row * m + columns.1] = v.1 }
            if columns.2 >= 0 { h[row * m + columns.2] = v.2 }
        }
        put(rows.0, values.0)
        put(rows.1, values.1)
        put(rows.2, values.2)
    }

    /// A fresh Hessian U_n′(X).
    public func hessian(_ x: [Double], threads: Int = 1) -> DenseMatrix {
        var h = DenseMatrix(rows: variableCount, columns: variableCount)
        hessian(x, into: &h, threads: threads)
        return h
    }

    /// Index pair of the closest two atoms, and their distance, for reduced coordinates `x`.
    public func closestPair(_ x: [Double]) -> (i: Int, j: Int, distance: Double) {
        let p = layout.positions(from: x)
        var best = (i: 0, j: 1, distance: Double.infinity)
        for i in 0..<p.count {
            for j in (i + 1)..<p.count {
                let delta = p[i] - p[j]
                let d = (delta * delta).sum().squareRoot()
                if !(d >= best.distance) { best = (i, j, d) }
            }
        }
        return best
    }
}
