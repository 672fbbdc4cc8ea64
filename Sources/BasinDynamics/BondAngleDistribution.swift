import BasinAtoms
import BasinMath
import BasinPotentials
import Foundation

/// The distribution of bond angles j–i–k around atoms i of one species (the apex) with both
/// partners j, k of another (or the same) species closer than a bond cutoff, averaged over the
/// sampled steps: O–Si–O (apex Si, ends O) and Si–O–Si (apex O, ends Si) in silica.
///
/// Each unordered pair {j, k} of an apex's bonded partners counts once, periodic images
/// included (so a cell smaller than twice the cutoff is fine). Angles are in degrees, binned
/// on [0°, 180°]; the mean and count are kept exactly, not from the bins.
public final class BondAngleDistribution: Observer {
    /// Species index of the apex atom i.
    public let apex: Int
    /// Species index of the two partners j and k.
    public let ends: Int
    /// Largest i–j and i–k distance that counts as a bond (length units).
    public let bondCutoff: Double
    public let binCount: Int
    /// Number of steps sampled.
    public private(set) var sampleCount = 0
    /// Number of angles counted over all samples.
    public private(set) var angleCount = 0

    private var histogram: [Double]
    private var angleSum = 0.0
    private let neighbors: NeighborList
    /// Unit vectors from the current apex to its bonded partners, reused from atom to atom.
    private var bonds: [SIMD3<Double>] = []

    /// - Parameters:
    ///   - apex: species index of the central atom.
    ///   - ends: species index of the two bonded partners.
    ///   - bondCutoff: bond length limit (length units), e.g. the first minimum of g_apex,ends(r).
    ///   - binCount: number of bins of width 180° / binCount.
    public init(apex: Int, ends: Int, bondCutoff: Double, binCount: Int = 180) throws(DynamicsError) {
        try DynamicsError.requirePositive(bondCutoff, "the bond cutoff")
        guard apex >= 0, ends >= 0 else { throw .invalidParameter("species indices must not be negative") }
        guard binCount >= 1, binCount <= 1_000_000 else {
            throw .invalidParameter("the bond-angle distribution needs 1 to 1,000,000 bins, got \(binCount)")
        }
        self.apex = apex
        self.ends = ends
        self.bondCutoff = bondCutoff
        self.binCount = binCount
        histogram = Array(repeating: 0, count: binCount)
        neighbors = NeighborList(cutoff: bondCutoff, kind: .full)
    }

    public var requiredProperties: Properties { [] }

    /// Bin width (degrees).
    public var binWidth: Double { 180 / Double(binCount) }

    /// Bin centres (degrees).
    public var angles: [Double] { (0..<binCount).map { (Double($0) + 0.5) * binWidth } }

    /// Probability density per degree at the bin centres (integrates to 1 over 0–180°); zeros
    /// before any angle is counted.
    public var values: [Double] {
        guard angleCount > 0 else { return Array(repeating: 0, count: binCount) }
        let norm = 1 / (Double(angleCount) * binWidth)
        return histogram.map { $0 * norm }
    }

    /// Mean angle (degrees) over every counted angle; NaN before any.
    public var meanAngle: Double { angleCount > 0 ? angleSum / Double(angleCount) : .nan }

    /// Mean number of angles counted per sample.
    public var anglesPerSample: Double { sampleCount > 0 ? Double(angleCount) / Double(sampleCount) : 0 }

    public func observe(_ state: DynamicsState) throws {
        let configuration = state.configuration
        do {
            try neighbors.build(for: configuration)
        } catch {
            throw DynamicsError.invalidConfiguration(error.description)
        }
        let cutoffSquared = bondCutoff * bondCutoff
        let species = configuration.species
        let positions = neighbors.positions
        let owners = neighbors.owners
        let degreesPerRadian = 180 / Double.pi
        let inverseWidth = 1 / binWidth
        for chunk in neighbors.chunks {
            for i in chunk.atoms where species[i] == apex {
                bonds.removeAll(keepingCapacity: true)
                let row = i - chunk.atoms.lowerBound
                for n in Int(chunk.offsets[row])..<Int(chunk.offsets[row + 1]) {
                    let a = Int(chunk.neighbors[n])
                    guard species[Int(owners[a])] == ends else { continue }
                    let d = positions[a] - positions[i]
                    let r2 = dot(d, d)
                    if r2 < cutoffSquared, r2 > 0 { bonds.append(d / r2.squareRoot()) }
                }
                for j in bonds.indices {
                    for k in (j + 1)..<bonds.count {
                        let angle = acos(min(1, max(-1, dot(bonds[j], bonds[k])))) * degreesPerRadian
                        histogram[min(binCount - 1, Int(angle * inverseWidth))] += 1
                        angleSum += angle
                        angleCount += 1
                    }
                }
            }
        }
        sampleCount += 1
    }
}
