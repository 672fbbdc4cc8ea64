import BasinAtoms
import BasinPaths
import Foundation
import Testing

@Suite("Least-action path against a reference trajectory")
struct PathComparisonTests {
    /// A periodic Morse problem (N_t = 4), a network, and the network's own trajectory at five
    /// evenly spaced times as a reference.
    static func setUp() throws -> (LeastActionProblem, TrajectoryNetwork, [Configuration]) {
        let (start, end) = PathFixtures.periodicEnds()
        let problem = try LeastActionProblem(start: start, end: end, potential: PathFixtures.morse(), duration: 0.2, intervals: 4)
        let network = PathFixtures.network(for: problem)
        let frames = try PathSample.samples(of: network, problem: problem, count: 9).map(\.configuration)
        return (problem, network, frames)
    }

    @Test("the network's own trajectory, wrapped into the cell, differs by nothing")
    func sameTrajectory() throws {
        let (problem, network, frames) = try Self.setUp()
        let wrapped = frames.map { frame in
            var copy = frame
            copy.positions = frame.positions.map { frame.cell.wrap($0) }
            return copy
        }
        let comparison = try PathComparison(network: network, problem: problem, reference: wrapped, bins: 20, maximumRadius: 3)
        #expect(comparison.rows.map(\.isGridTime) == [true, false, true, false, true, false, true, false, true])
        #expect(comparison.rows.allSatisfy { $0.positionRMSD < 1e-12 && $0.momentumRMSD < 1e-12 })
        #expect(comparison.radii.count == 20 && comparison.pathDistribution.contains { $0 > 0 })
        #expect(zip(comparison.pathDistribution, comparison.referenceDistribution).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(comparison.lagTimes.count == 5 && comparison.pathVACF == comparison.referenceVACF)
    }

    @Test("a uniform shift of positions and velocities gives its RMSDs")
    func shiftedTrajectory() throws {
        let (problem, network, frames) = try Self.setUp()
        let shift = SIMD3<Double>(0.03, -0.04, 0), kick = SIMD3<Double>(0, 0.5, 1.2)
        let moved = frames.map { frame in
            var copy = frame
            copy.positions = frame.positions.map { $0 + shift }
            copy.velocities = frame.velocities!.map { $0 + kick }
            return copy
        }
        let comparison = try PathComparison(network: network, problem: problem, reference: moved, maximumRadius: 3)
        let mass = problem.template.masses[0]
        for row in comparison.rows {
            #expect(abs(row.positionRMSD - 0.05) < 1e-12)
            #expect(abs(row.momentumRMSD - mass * 1.3) < 1e-9)
        }
        #expect(comparison.pathDistribution.contains { $0 > 0 })
        #expect(zip(comparison.pathDistribution, comparison.referenceDistribution).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(comparison.referenceVACF[0] > comparison.pathVACF[0])
    }

    @Test("a reference of other atoms, without velocities or with one frame is refused")
    func refusesBadReferences() throws {
        let (problem, network, frames) = try Self.setUp()
        var noVelocities = frames
        noVelocities[3].velocities = nil
        var fewer = frames
        fewer[2] = try Configuration(symbols: ["Cu"], positions: [.zero], cell: frames[2].cell, units: .metal)
        for (reference, message) in [(noVelocities, "reference frame 4 has no velocities"), (fewer, "reference frame 3 does not match"),
                                     (Array(frames.prefix(1)), "at least 2 frames")] {
            #expect { try PathComparison(network: network, problem: problem, reference: reference) } throws: { error in
                "\(error)".contains(message)
            }
        }
    }
}
