import BasinAtoms

/// The shortest and longest interatomic distances of a data set (length units), the span a
/// generated symmetry-function set should cover (`SymmetryFunctionGenerator`).
///
/// `shortest` is the smallest distance between two atoms, periodic images included (also an
/// atom and its own image, through the shortest of the 26 lattice translations with
/// coefficients −1, 0, 1). `longest` is the largest distance between two atoms of one
/// configuration, by the minimum image in periodic directions: the largest distance a cutoff
/// can usefully reach in that configuration. Each configuration costs O(N²).
public struct DistanceRange: Sendable, Hashable {
    /// +∞ until a pair is seen.
    public private(set) var shortest = Double.infinity
    /// 0 until a pair is seen.
    public private(set) var longest = 0.0

    public init() {}

    public init(_ configurations: [Configuration]) {
        for c in configurations { add(c) }
    }

    public mutating func add(_ c: Configuration) {
        var lowest = Double.infinity, highest = 0.0
        for i in 0..<c.count {
            for j in (i + 1)..<c.count {
                let d = c.cell.minimumImage(c.positions[j] - c.positions[i])
                let r2 = (d * d).sum()
                lowest = min(lowest, r2)
                highest = max(highest, r2)
            }
        }
        if c.count > 0 && c.cell.isPeriodic {
            let v = c.cell.vectors.rows, periodic = c.cell.periodic
            let range = { (k: Int) in periodic[k] ? -1...1 : 0...0 }
            for a in range(0) {
                for b in range(1) {
                    for k in range(2) where a != 0 || b != 0 || k != 0 {
                        let t = Double(a) * v.0 + Double(b) * v.1 + Double(k) * v.2
                        lowest = min(lowest, (t * t).sum())
                    }
                }
            }
        }
        shortest = min(shortest, lowest.squareRoot())
        longest = max(longest, highest.squareRoot())
    }
}
