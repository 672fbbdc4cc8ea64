/// A problem with a learning loop's configuration, files or reference, as one line that names
/// the key or file (`candidates: lower (0.5) must lie below upper (0.2)`).
public struct LearningError: Error, Equatable, Sendable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
