/// A problem with what the toy model was given: a parameter out of range or a database file
/// that cannot be read. Each description is one line.
public enum ToyModelError: Error, Equatable, CustomStringConvertible {
    /// The cell width w must be a positive finite number.
    case invalidWidth(Double)
    /// A structure needs at least one particle.
    case noParticles
    /// Only square (d = 2) and cubic (d = 3) cells exist.
    case invalidDimension(Int)
    /// The potential's cutoff R₀ must lie beyond its minimum distance R_c.
    case cutoffNotBeyondMinimum(cutoff: Double, minimum: Double)
    /// Proximity-matrix orders must be integers o ≤ −2.
    case invalidOrder(Int)
    /// A cell so narrow that the depth d_s needs more than `ImageLimit.translations` cells.
    case tooManyImages(width: Double, depth: Int, dimension: Int)
    /// Any other parameter out of its range, with the reason.
    case invalidParameter(String)
    /// A particle's coordinates do not have d finite components.
    case invalidCoordinates(particle: Int, reason: String)
    /// A database or structure file that cannot be read.
    case malformedFile(file: String, reason: String)

    public var description: String {
        switch self {
        case .invalidWidth(let w): "the cell width must be positive and finite, got \(w)"
        case .noParticles: "a structure needs at least one particle (N_p ≥ 1)"
        case .invalidDimension(let d): "the dimension must be 2 or 3, got \(d)"
        case .cutoffNotBeyondMinimum(let r0, let rc): "the cutoff R₀ = \(r0) must exceed R_c = \(rc)"
        case .invalidOrder(let o): "proximity-matrix orders must be integers ≤ −2, got \(o)"
        case .tooManyImages(let w, let ds, let d):
            "a cell of width \(w) needs a depth of \(ds) surrounding cells, (2·\(ds) + 1)^\(d) cells in all, more than \(ImageLimit.translations); use a wider cell"
        case .invalidParameter(let reason): reason
        case .invalidCoordinates(let i, let reason): "particle \(i): \(reason)"
        case .malformedFile(let file, let reason): "\(file): \(reason)"
        }
    }
}
