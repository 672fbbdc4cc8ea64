import BasinAtoms
import BasinOptimize

/// How the first images of a band are placed between its end points (3N coordinates each).
public enum BandInterpolation: String, Sendable, Codable, CaseIterable {
    /// Straight lines in Cartesian coordinates (each atom to the nearest image of its end
    /// position in a periodic cell).
    case linear
    /// The straight line relaxed on the image-dependent pair potential
    /// (`ImageDependentPairPotential`) as a band of its own: FIRE with springs of k = 1 until
    /// the largest per-atom band force is below 10⁻³ or 2000 steps.
    case idpp

    /// `count` images strictly between `start` and `end`, image k at fraction k / (count + 1).
    public func images(from start: [Double], to end: [Double], count: Int, cell: Cell = .open) -> [[Double]] {
        precondition(start.count == end.count && start.count % 3 == 0 && count >= 1, "need 3N coordinates per end point and at least one image")
        let nearestEnd = Self.nearestImage(of: end, to: start, cell: cell)
        let fractions = (1...count).map { Double($0) / Double(count + 1) }
        let straight = fractions.map { t in zip(start, nearestEnd).map { $0 + t * ($1 - $0) } }
        guard self == .idpp else { return straight }
        var band = NudgedElasticBand(
            start: start, startEnergy: 0, end: nearestEnd, endEnergy: 0,
            surfaces: fractions.map { ImageDependentPairPotential(start: start, end: nearestEnd, fraction: $0, cell: cell) })
        do {
            let result = try FIRE(maximumStep: 0.1).minimize(
                &band, from: NudgedElasticBand<ImageDependentPairPotential>.point(of: straight),
                until: StoppingCriteria(maximumForce: 1e-3, maximumSteps: 2000))
            let n = start.count
            return (0..<count).map { Array(result.point[($0 * n)..<(($0 + 1) * n)]) }
        } catch {
            preconditionFailure("the IDPP surfaces cannot fail and the band has no stop test: \(error)")
        }
    }

    /// `end` with every atom moved by whole cell vectors to the image nearest its `start`
    /// position; unchanged for a cluster.
    public static func nearestImage(of end: [Double], to start: [Double], cell: Cell) -> [Double] {
        guard cell.isPeriodic else { return end }
        var result = end
        for i in 0..<(end.count / 3) {
            let a = SIMD3(start[3 * i], start[3 * i + 1], start[3 * i + 2])
            let d = cell.minimumImage(SIMD3(end[3 * i], end[3 * i + 1], end[3 * i + 2]) - a)
            result[3 * i] = a.x + d.x
            result[3 * i + 1] = a.y + d.y
            result[3 * i + 2] = a.z + d.z
        }
        return result
    }
}
