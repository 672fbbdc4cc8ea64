import Foundation

/// A minimum as kept in the database: one row of the `minima` table.
///
/// Energies and lengths are in the units of the potential that produced the minimum (the
/// database stores numbers, not units). Positions are as recorded the first time the minimum
/// was found, not centred or rotated. Invariant: `symbols.count == positions.count`.
public struct StoredMinimum: Sendable, Equatable {
    public var id: MinimumID
    /// Potential energy of the minimum (energy units).
    public var energy: Double
    /// Element symbol (or dummy label) of each atom.
    public var symbols: [String]
    /// Cartesian positions (length units), stored as 3n little-endian Float64 numbers.
    public var positions: [SIMD3<Double>]
    /// Principal moments of the unweighted inertia tensor about the centroid, ascending
    /// (length², see `MinimumFingerprint`).
    public var principalMoments: SIMD3<Double>
    /// How many times a search recorded this minimum (1 when first stored).
    public var timesFound: Int
    /// The run that found it first, if it was recorded within one.
    public var run: RunID?
    /// The step of that run at which it was found, if given.
    public var step: Int?
    /// When it was first stored.
    public var foundAt: Date

    /// Number of atoms.
    public var count: Int { positions.count }

    /// The composition, as stored in the `composition` column (see `composition(of:)`).
    public var composition: String { StoredMinimum.composition(of: symbols) }

    /// The composition of a set of atoms: the distinct symbols in alphabetical order, each
    /// followed by its count when above one ("X38", "ArKr12"). Two minima can be the same only
    /// when their compositions are equal.
    public static func composition(of symbols: [String]) -> String {
        var counts: [String: Int] = [:]
        for symbol in symbols { counts[symbol, default: 0] += 1 }
        return counts.keys.sorted().map { symbol in
            let n = counts[symbol]!
            return n == 1 ? symbol : "\(symbol)\(n)"
        }.joined()
    }
}
