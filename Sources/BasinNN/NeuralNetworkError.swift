/// Errors a user can cause when describing or loading a neural network.
public enum NeuralNetworkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An activation letter that n2p2 does not define.
    case unknownActivation(String)
    /// A weights file could not be read or does not fit the network; `line` is 1-based and
    /// absent when the problem concerns the whole file (missing, too few numbers).
    case weightsFile(file: String, line: Int?, reason: String)

    public var description: String {
        switch self {
        case .unknownActivation(let letter):
            return "unknown activation '\(letter)' (n2p2 letters: l t s p r g c S e h)"
        case .weightsFile(let file, let line, let reason):
            return line.map { "\(file):\($0): \(reason)" } ?? "\(file): \(reason)"
        }
    }
}
