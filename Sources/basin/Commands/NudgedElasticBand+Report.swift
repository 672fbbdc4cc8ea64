import BasinPaths
import Foundation

/// What `basin neb` reports.
struct BandSummary: Encodable {
    struct Stage: Encodable {
        var stage: String
        var stopReason: String
        var iterations: Int
        var maximumForce: Double
    }

    struct Saddle: Encodable {
        var energy: Double
        var maximumForce: Double
        var iterations: Int
        var converged: Bool
        var lowestEigenvalues: [Double]
        var negativeEigenvalues: Int
        var minusMinimumEnergy: Double
        var plusMinimumEnergy: Double
        var connectsEnds: Bool
        var verified: Bool
        var differenceFromHighestImage: Double
    }

    var atoms: Int
    var images: Int
    var energies: [Double]
    var highestImage: Int
    var highestEnergy: Double
    var forwardBarrier: Double
    var backwardBarrier: Double
    var stages: [Stage]
    var saddle: Saddle?
    var seconds: Double
    var output: String?
    var saddleFile: String?

    init(_ result: BandSearchResult, atoms: Int, seconds: Double, output: String?, saddleFile: String?) {
        self.atoms = atoms
        images = result.images.count - 2
        energies = result.energies
        highestImage = result.highestImage
        let top = result.saddle?.value ?? result.highestEnergy
        highestEnergy = result.highestEnergy
        forwardBarrier = top - result.energies.first!
        backwardBarrier = top - result.energies.last!
        stages = result.stages.map { Stage(stage: $0.stage.rawValue, stopReason: $0.stopReason.rawValue, iterations: $0.iterations, maximumForce: $0.maximumForce) }
        if let s = result.saddle, let check = result.check {
            saddle = Saddle(
                energy: s.value, maximumForce: s.maximumForce, iterations: s.iterations, converged: s.converged,
                lowestEigenvalues: check.lowestEigenvalues, negativeEigenvalues: check.negativeEigenvalues,
                minusMinimumEnergy: check.minusMinimum.value, plusMinimumEnergy: check.plusMinimum.value,
                connectsEnds: check.connectsEnds, verified: check.isVerified && s.converged,
                differenceFromHighestImage: s.value - result.highestEnergy)
        }
        self.seconds = seconds
        self.output = output
        self.saddleFile = saddleFile
    }
}

extension NudgedElasticBandCommand {
    func report(_ summary: BandSummary) throws {
        if json { return try Output.json(summary) }
        for stage in summary.stages {
            print(String(format: "%-9@ %@ after %ld steps, largest band force %.3e", stage.stage, stage.stopReason, stage.iterations, stage.maximumForce))
        }
        print("image  energy")
        for (index, energy) in summary.energies.enumerated() {
            print(String(format: "%5ld  %.10f%@", index, energy, index == summary.highestImage ? "  (highest)" : ""))
        }
        if let s = summary.saddle {
            print(String(format: "saddle    %.10f (%@ in %ld steps, largest force %.2e; highest image %+.2e from it)",
                         s.energy, s.converged ? "converged" : "not converged", s.iterations, s.maximumForce, -s.differenceFromHighestImage))
            print("eigenvalues " + s.lowestEigenvalues.map { String(format: "%.6g", $0) }.joined(separator: " ")
                  + " (\(s.negativeEigenvalues) negative)")
            print(String(format: "descents  %.10f and %.10f: %@", s.minusMinimumEnergy, s.plusMinimumEnergy,
                         s.connectsEnds ? "the end points" : "NOT the end points"))
            print("verified  \(s.verified ? "yes" : "no")")
        }
        print(String(format: "barriers  %.10f forward, %.10f backward", summary.forwardBarrier, summary.backwardBarrier))
        if let output = summary.output { print("band      \(output)") }
        if let file = summary.saddleFile { print("saddle    \(file)") }
    }
}
