/// An error in sampling settings or starting structures, naming the 1-based structure where it
/// applies, e.g. `frame 2: a structure needs at least two atoms to have a temperature`.
public struct SamplingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based index of the starting structure, if it applies.
    public var frame: Int?
    public var reason: String

    public init(frame: Int? = nil, reason: String) {
        self.frame = frame
        self.reason = reason
    }

    public var description: String {
        frame.map { "frame \($0): \(reason)" } ?? reason
    }
}
