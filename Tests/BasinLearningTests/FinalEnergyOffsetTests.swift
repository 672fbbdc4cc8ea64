import BasinAtoms
import BasinIO
import BasinNNP
import Foundation
import Testing
@testable import BasinLearning

/// `training.final_energy_offset: median`: the final committee is the final fit's, each member
/// shifted to zero median energy error over the labelled structures, forces unchanged.
@Suite struct FinalEnergyOffsetTests {
    /// Each member's errors of E/N over `frames` and its forces on the first frame.
    static func errors(_ models: [NNPModel], _ frames: [Frame]) throws -> (energy: [[Double]], forces: [[SIMD3<Double>]]) {
        let committee = try NNPCommittee(members: models, units: .metal)
        let neighbors = NeighborList(cutoff: committee.cutoff, skin: 0, kind: .full)
        var energy = [[Double]](repeating: [], count: models.count), forces: [[SIMD3<Double>]] = []
        for frame in frames {
            try neighbors.build(for: frame.configuration)
            let result = committee.evaluateMembers(frame.configuration, neighbors: neighbors)
            for m in models.indices { energy[m].append((result.energies[m] - frame.energy!) / Double(frame.configuration.count)) }
            if forces.isEmpty { forces = result.forces }
        }
        return (energy, forces)
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted(), n = s.count
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }

    @Test func theFinalMembersHaveZeroMedianEnergyErrorAndTheFitsForces() throws {
        let folder = try TinyLoop.folder(
            TinyLoop.config().replacingOccurrences(of: "final_epochs: 4,", with: "final_epochs: 4, final_energy_offset: median,"))
        defer { try? FileManager.default.removeItem(at: folder) }
        let loop = try LearningLoop(configurationFile: folder.appendingPathComponent("config.yaml"))
        let outcome = try loop.run()
        let frames = try loop.labelledFrames(before: outcome.state.iteration)
        let fitted = try Self.errors(try loop.loadCommittee(loop.finalFitFolder), frames)
        let final = try Self.errors(try loop.loadFinalCommittee(), frames)
        let shifts = try #require(outcome.state.finalFit?.energyShifts)
        #expect(shifts.count == 2)
        let report = try String(contentsOf: loop.output.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("to zero median energy error"))
        for m in 0..<2 {
            #expect(abs(Self.median(final.energy[m])) < 1e-9)
            #expect(abs(shifts[m] + Self.median(fitted.energy[m])) < 1e-12)
            #expect(abs(shifts[m]) > 1e-6, "no shift to check")
            for (a, b) in zip(final.forces[m], fitted.forces[m]) { #expect(((a - b) * (a - b)).sum() < 1e-18) }
        }
    }
}
