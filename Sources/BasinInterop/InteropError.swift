/// An error talking to another engine: the connection, or a message that breaks the protocol.
public enum InteropError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The address could not be parsed or reached.
    case connection(String)
    /// The peer closed the connection in the middle of a message.
    case closed(String)
    /// A message the protocol does not allow here.
    case protocolViolation(String)
    /// The data asks for something the potential cannot do (other atom count, no cell…).
    case unsupported(String)

    public var description: String {
        switch self {
        case .connection(let what): "connection: \(what)"
        case .closed(let what): "the server closed the connection \(what)"
        case .protocolViolation(let what): "i-PI protocol: \(what)"
        case .unsupported(let what): what
        }
    }
}
