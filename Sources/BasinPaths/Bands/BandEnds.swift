import BasinAtoms
import BasinIO

/// The two end configurations of a band, checked and brought into register: same atoms in the
/// same order, same cell and units; a cluster's end rotated and translated onto its start
/// (`RigidAlignment`; with `permuting`, also renumbered within each species and possibly
/// inverted, `PermutationalAlignment`, its random starting orientations drawn from `seed`), a periodic end's atoms moved to the images nearest their
/// start positions.
public struct BandEnds: Sendable {
    /// The start configuration; every image shares its species, masses, cell and units.
    public let template: Configuration
    /// Start and end as 3N coordinates (length units).
    public let start: [Double]
    public let end: [Double]

    public init(start: Configuration, end: Configuration, permuting: Bool = false, seed: UInt64 = 1) throws(BandInputError) {
        try Self.check(start, end)
        template = start
        self.start = Self.coordinates(start.positions)
        let other = Self.coordinates(end.positions)
        if start.cell.isPeriodic {
            self.end = BandInterpolation.nearestImage(of: other, to: self.start, cell: start.cell)
        } else if permuting {
            self.end = PermutationalAlignment.align(other, onto: self.start, species: start.species, seed: seed).aligned
        } else {
            self.end = RigidAlignment.align(other, onto: self.start).aligned
        }
    }

    /// Checks that `start` and `end` can be the ends of one band: the same number (at least
    /// two) and order of species, the same cell and units.
    public static func check(_ start: Configuration, _ end: Configuration) throws(BandInputError) {
        guard start.count == end.count else { throw .atomCountMismatch(start.count, end.count) }
        guard start.count >= 2 else { throw .tooFewAtoms(start.count) }
        if let i = start.symbols.indices.first(where: { start.symbols[$0] != end.symbols[$0] }) {
            throw .speciesMismatch(atom: i + 1, start.symbols[i], end.symbols[i])
        }
        guard start.cell == end.cell else { throw .cellMismatch }
        guard start.units == end.units else { throw .unitMismatch }
    }

    /// The template with its atoms at `x` (3N coordinates).
    public func configuration(at x: [Double]) -> Configuration {
        var result = template
        result.positions = RigidModes.vectors(x)
        return result
    }

    /// Positions as 3N coordinates.
    public static func coordinates(_ positions: [SIMD3<Double>]) -> [Double] {
        positions.flatMap { [$0.x, $0.y, $0.z] }
    }

    /// The moving images of a band saved by an earlier run (all its frames, end points
    /// included), checked against these ends: the same atoms, and at least three frames.
    public func savedImages(_ frames: [Frame], file: String) throws(BandInputError) -> [[Double]] {
        guard frames.count >= 3 else { throw .savedBand(file, "it holds \(frames.count) frames; a band has at least three") }
        for (index, frame) in frames.enumerated() {
            let c = frame.configuration
            guard c.count == template.count, c.symbols == template.symbols else {
                throw .savedBand(file, "frame \(index + 1) has other atoms than the end points")
            }
        }
        return frames.dropFirst().dropLast().map { Self.coordinates($0.configuration.positions) }
    }
}

/// What is wrong with the input of a band.
public enum BandInputError: Error, Equatable, CustomStringConvertible {
    case atomCountMismatch(Int, Int)
    case tooFewAtoms(Int)
    case speciesMismatch(atom: Int, String, String)
    case cellMismatch
    case unitMismatch
    /// A saved band that does not fit: the file and the reason.
    case savedBand(String, String)

    public var description: String {
        switch self {
        case .atomCountMismatch(let a, let b): "the end points have different numbers of atoms (\(a) and \(b))"
        case .tooFewAtoms(let n): "a band needs at least two atoms, the end points have \(n)"
        case .speciesMismatch(let atom, let a, let b): "atom \(atom) is \(a) at the start and \(b) at the end: the end points must list the same atoms in the same order"
        case .cellMismatch: "the end points have different cells"
        case .unitMismatch: "the end points are in different units"
        case .savedBand(let file, let reason): "\(file): \(reason)"
        }
    }
}
