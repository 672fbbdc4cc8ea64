import BasinDynamics
import BasinPotentials

/// The short-range structure of silica sampled along a run: the partial g(r) of Si–O, O–O and
/// Si–Si (in blocks, for a noise estimate) and the O–Si–O and Si–O–Si bond-angle distributions.
/// Species 0 is Si and 1 is O, as `Crystal` builds them.
final class SilicaStructure {
    /// The species pairs of the partial g(r), in report order, with their names.
    static let pairs = [("Si-O", SpeciesPair(0, 1)), ("O-O", SpeciesPair(1, 1)), ("Si-Si", SpeciesPair(0, 0))]

    let rdfs: [BlockRadialDistribution]
    /// O–Si–O (apex Si) and Si–O–Si (apex O).
    let oSiO: BondAngleDistribution
    let siOSi: BondAngleDistribution
    private let angleFirstStep: Int

    /// Samples steps ≥ `firstStep` (see `BlockRadialDistribution`); bonds are Si–O pairs closer
    /// than `bondCutoff` (Å).
    init(maximumRadius: Double, binCount: Int, blocks: Int, samplesPerBlock: Int, firstStep: Int, interval: Int, bondCutoff: Double) throws {
        rdfs = try Self.pairs.map { _, pair in
            try BlockRadialDistribution(
                maximumRadius: maximumRadius, binCount: binCount, blocks: blocks, samplesPerBlock: samplesPerBlock,
                firstStep: firstStep, interval: interval, species: pair)
        }
        oSiO = try BondAngleDistribution(apex: 0, ends: 1, bondCutoff: bondCutoff)
        siOSi = try BondAngleDistribution(apex: 1, ends: 0, bondCutoff: bondCutoff)
        angleFirstStep = firstStep
    }

    /// The observers to attach, each sampled every `interval` steps.
    func observers(every interval: Int) -> [(any Observer, Int)] {
        rdfs.map { ($0 as any Observer, interval) } + [(AngleGate(self, firstStep: angleFirstStep), interval)]
    }

    /// Passes states from `firstStep` on to both angle distributions.
    private final class AngleGate: Observer {
        let structure: SilicaStructure
        let firstStep: Int
        init(_ structure: SilicaStructure, firstStep: Int) {
            self.structure = structure
            self.firstStep = firstStep
        }
        var requiredProperties: Properties { [] }
        func observe(_ state: DynamicsState) throws {
            guard state.step >= firstStep else { return }
            try structure.oSiO.observe(state)
            try structure.siOSi.observe(state)
        }
    }
}

/// How a model's silica structure compares with the reference's at one state point.
public struct SilicaStructureComparison: Sendable, Codable {
    /// max_r |g_model(r) − g_reference(r)| per pair (in `SilicaStructure.pairs` order), where it
    /// occurs (Å), and the noise: max_r √(SE_ref² + SE_model²), each SE the standard error of a
    /// run's mean g(r) from its block averages. It estimates the sampling error of the two time
    /// averages as if the runs were independent: it leaves out differences of start (both runs
    /// share one) and the correlation a shared noise seed gives them.
    public var rdfMaxDifferences: [Double]
    public var rdfMaxDifferenceRadii: [Double]
    public var rdfNoise: [Double]
    /// Mean angles (degrees), reference then model.
    public var meanSiOSi: [Double]
    public var meanOSiO: [Double]
    /// g(r) samples of the model's run and of the reference's.
    public var samples: Int
    public var referenceSamples: Int

    /// The worst pair's difference.
    public var rdfMaxDifference: Double { rdfMaxDifferences.max() ?? .nan }
    /// |model − reference| of the mean Si–O–Si angle (degrees).
    public var siOSiDifference: Double { abs(meanSiOSi[1] - meanSiOSi[0]) }
    public var oSiODifference: Double { abs(meanOSiO[1] - meanOSiO[0]) }

    init(reference: SilicaStructure, model: SilicaStructure) {
        rdfMaxDifferences = []
        rdfMaxDifferenceRadii = []
        rdfNoise = []
        for (r, m) in zip(reference.rdfs, model.rdfs) {
            let radii = r.radii, gr = r.values, gm = m.values, er = r.standardErrors, em = m.standardErrors
            var worst = 0
            for k in radii.indices where abs(gm[k] - gr[k]) > abs(gm[worst] - gr[worst]) { worst = k }
            rdfMaxDifferences.append(abs(gm[worst] - gr[worst]))
            rdfMaxDifferenceRadii.append(radii[worst])
            rdfNoise.append(radii.indices.map { (er[$0] * er[$0] + em[$0] * em[$0]).squareRoot() }.max() ?? 0)
        }
        meanSiOSi = [reference.siOSi.meanAngle, model.siOSi.meanAngle]
        meanOSiO = [reference.oSiO.meanAngle, model.oSiO.meanAngle]
        samples = model.rdfs[0].sampleCount
        referenceSamples = reference.rdfs[0].sampleCount
    }
}
