/// A model file (n2p2's `input.nn`, `scaling.data` or `weights.XXX.data`) that cannot be used:
/// the file, the 1-based line when one line is at fault, and why.
public struct ModelFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let reason: String

    public init(file: String, line: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        line.map { "\(file):\($0): \(reason)" } ?? "\(file): \(reason)"
    }
}
