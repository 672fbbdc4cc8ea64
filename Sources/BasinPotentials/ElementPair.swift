/// An unordered pair of element symbols: ("Cu", "Ni") and ("Ni", "Cu") are the same pair.
public struct ElementPair: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The symbol that sorts first.
    public let first: String
    public let second: String

    public init(_ a: String, _ b: String) {
        first = min(a, b)
        second = max(a, b)
    }

    public var description: String { "\(first)–\(second)" }

    /// By first symbol, then second.
    public static func < (lhs: ElementPair, rhs: ElementPair) -> Bool { (lhs.first, lhs.second) < (rhs.first, rhs.second) }
}
