import BasinAtoms
import BasinDynamics
import BasinMath
import BasinPotentials
import Testing

/// Lennard-Jones that remembers what each evaluation asked for.
struct RecordingPotential: Potential {
    final class Record: @unchecked Sendable { var requests: [Properties] = [] }
    let wrapped: LennardJones
    let record = Record()

    var cutoff: Double { wrapped.cutoff }
    var neighborListKind: NeighborListKind { wrapped.neighborListKind }
    var implementedProperties: Properties { wrapped.implementedProperties }
    var units: UnitSystem { wrapped.units }
    func check(_ configuration: Configuration) throws(PotentialError) { try wrapped.check(configuration) }
    func evaluate(
        _ configuration: Configuration, neighbors: NeighborList, properties: Properties, into result: inout Evaluation, workspace: Workspace
    ) {
        record.requests.append(properties)
        wrapped.evaluate(configuration, neighbors: neighbors, properties: properties, into: &result, workspace: workspace)
    }
}

/// Remembers the steps it saw.
final class StepRecorder: Observer {
    var steps: [Int] = []
    var requiredProperties: Properties { [] }
    func observe(_ state: DynamicsState) { steps.append(state.step) }
}

@Suite struct SimulationTests {
    static func small(temperature: Double = 1.44) throws -> Configuration { try Fixtures.heated(cells: 3, temperature: temperature) }

    @Test func asksForEnergyAndVirialOnlyWhenAnObserverSamples() throws {
        let potential = RecordingPotential(wrapped: try LennardJones(cutoff: 2.5, shift: true))
        let simulation = try Simulation(
            configuration: try Self.small(), calculator: Calculator(potential: potential, skin: 0.3),
            integrator: try VelocityVerlet(timeStep: 0.005))
        try simulation.add(ThermodynamicLog(), every: 4)
        try simulation.add(StepRecorder(), every: 3)
        try simulation.run(steps: 9)
        let thermo: Properties = [.forces, .energy, .virial]
        #expect(potential.record.requests == [thermo, .forces, .forces, .forces, thermo, .forces, .forces, .forces, thermo, .forces])
    }

    @Test func callsObserversAtTheirIntervalsAcrossRuns() throws {
        let simulation = try Simulation(configuration: try Self.small(), calculator: try Fixtures.calculator(), integrator: try VelocityVerlet(timeStep: 0.005))
        let every3 = StepRecorder(), every5 = StepRecorder()
        try simulation.add(every3, every: 3)
        try simulation.add(every5, every: 5)
        try simulation.run(steps: 6)
        try simulation.run(steps: 5)
        #expect(every3.steps == [0, 3, 6, 9])
        #expect(every5.steps == [0, 5, 10])
        #expect(simulation.state.step == 11)
        #expect(abs(simulation.state.time - 11 * 0.005) < 1e-15)
        #expect(throws: DynamicsError.self) { try simulation.add(StepRecorder(), every: 0) }
    }

    @Test func reportsProgressAndWallTime() throws {
        let simulation = try Simulation(configuration: try Self.small(), calculator: try Fixtures.calculator(), integrator: try VelocityVerlet(timeStep: 0.005))
        var reports: [RunProgress] = []
        let summary = try simulation.run(steps: 25, progressEvery: 10) { reports.append($0) }
        #expect(reports.map(\.completedSteps) == [10, 20, 25])
        #expect(reports.last!.fraction == 1 && reports.last!.estimatedSecondsRemaining == 0)
        #expect(reports.allSatisfy { $0.totalSteps == 25 && $0.elapsedSeconds > 0 })
        #expect(summary.steps == 25 && summary.atomCount == 108)
        #expect(summary.wallSeconds >= reports.last!.elapsedSeconds)
        #expect(summary.neighborListBuilds >= 1)
    }

    @Test func thermodynamicLogAddsUp() throws {
        let (simulation, log) = try Fixtures.logged(try Self.small(), try VelocityVerlet(timeStep: 0.005), every: 5)
        try simulation.run(steps: 10)
        let last = log.samples.last!
        #expect(log.samples.map(\.step) == [0, 5, 10])
        #expect(last.totalEnergy == last.potentialEnergy + last.kineticEnergy)
        #expect(last.conservedEnergy == last.totalEnergy)
        #expect(abs(last.temperature - simulation.state.temperature) < 1e-14)
        #expect(last.pressure == simulation.state.pressure)
        #expect(last.atomCount == 108)
    }

    @Test func trajectoryFramesAreWrappedIntoTheCell() throws {
        let configuration = try Self.small(temperature: 4)
        let simulation = try Simulation(configuration: configuration, calculator: try Fixtures.calculator(), integrator: try VelocityVerlet(timeStep: 0.005))
        var frames: [DynamicsState] = []
        try simulation.add(TrajectoryRecorder { frames.append($0) }, every: 50)
        try simulation.add(TrajectoryRecorder(properties: [.energy, .virial], wrapsPositions: false) { frame in
            #expect(frame.evaluatedProperties.isSuperset(of: [.energy, .virial, .forces]))
        }, every: 100)
        try simulation.run(steps: 150)
        #expect(frames.map(\.step) == [0, 50, 100, 150])
        let box = configuration.cell.lengths.x
        let last = frames.last!
        #expect(last.configuration.positions.allSatisfy { all($0 .>= 0) && all($0 .< box) })
        #expect(last.potentialEnergy != nil)
        // The simulation itself keeps unwrapped positions.
        #expect(simulation.state.configuration.positions.contains { !(all($0 .>= 0) && all($0 .< box)) })
    }

    @Test func stopsWithAnErrorWhenTheIntegrationBlowsUp() throws {
        let simulation = try Simulation(configuration: try Self.small(), calculator: try Fixtures.calculator(), integrator: try VelocityVerlet(timeStep: 0.5))
        let error = #expect(throws: DynamicsError.self) { try simulation.run(steps: 200) }
        guard case .unstable(let step) = error else { Issue.record("expected .unstable, got \(String(describing: error))"); return }
        #expect(step > 0 && step <= 200)
    }

    @Test func rejectsMismatchedVelocities() throws {
        var configuration = try Self.small()
        configuration.velocities = [.zero]
        #expect(throws: DynamicsError.self) {
            try Simulation(configuration: configuration, calculator: try Fixtures.calculator(), integrator: try VelocityVerlet(timeStep: 0.005))
        }
    }
}
