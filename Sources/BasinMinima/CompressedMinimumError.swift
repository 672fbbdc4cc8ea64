import BasinCompression

/// Why a compressed minimum cannot be built, read or expanded again.
public enum CompressedMinimumError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes end before the encoding does.
    case truncated(expectedBytes: Int, actualBytes: Int)
    /// The first byte names a format this version does not read.
    case unsupportedVersion(UInt8)
    /// The bytes are not a valid encoding (a field out of range, bytes left over, padding set).
    case malformed(String)
    /// The values to pack are unsuitable: wrong count, not finite, or bits outside 0…52.
    case invalidInput(String)
    /// The analysis found no number of significant bits that the ball of convergence guarantees.
    case noGuaranteedBits
    /// Newton's method from the unpacked point did not converge.
    case newtonFailed(NewtonOutcome, iterations: Int)

    public var description: String {
        switch self {
        case .truncated(let expected, let actual):
            return "truncated compressed minimum: \(actual) bytes where the encoding needs \(expected)"
        case .unsupportedVersion(let version):
            return "compressed minimum in format version \(version), which this version of Basin does not read (it reads \(CompressedMinimum.formatVersion))"
        case .malformed(let reason): return "malformed compressed minimum: \(reason)"
        case .invalidInput(let reason): return "cannot compress: \(reason)"
        case .noGuaranteedBits: return "no tested number of significant bits lies inside the ball of guaranteed convergence"
        case .newtonFailed(let outcome, let iterations):
            return "Newton's method from the unpacked point ended \(outcome.rawValue) after \(iterations) iterations"
        }
    }
}
