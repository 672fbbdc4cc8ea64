import BasinAtoms
import BasinMath
import BasinPaths
import BasinPotentials
import Testing

/// A potential that computes energies only.
private struct EnergyOnly: Potential {
    var cutoff: Double { .infinity }
    var neighborListKind: NeighborListKind { .half }
    var implementedProperties: Properties { .energy }
    var units: UnitSystem { .lennardJones }
    func check(_ configuration: Configuration) throws(PotentialError) {}
    func evaluate(_ configuration: Configuration, neighbors: NeighborList, properties: Properties, into result: inout Evaluation, workspace: Workspace) {
        result.energy = 0
    }
}

@Suite("Least-action input checks")
struct LeastActionInputTests {
    func problem(_ start: Configuration, _ end: Configuration, potential: any Potential = PathFixtures.lennardJones(),
                 intervals: Int = 5, weights: ActionWeights = ActionWeights()) throws(LeastActionError) -> LeastActionProblem {
        try LeastActionProblem(start: start, end: end, potential: potential, duration: 1, intervals: intervals, weights: weights)
    }

    @Test("end points with different atom counts")
    func atomCounts() {
        let (start, end) = PathFixtures.clusterEnds()
        var shorter = end
        shorter.positions.removeLast()
        shorter.species.removeLast()
        shorter.masses.removeLast()
        shorter.velocities = nil
        #expect(throws: LeastActionError.endPointMismatch("the start has 5 atoms and the end 4")) { try problem(start, shorter) }
    }

    @Test("end points with different species")
    func species() throws {
        let (start, end) = PathFixtures.clusterEnds()
        let other = try Configuration(symbols: ["Ar", "Ar", "Kr", "Ar", "Ar"], positions: end.positions, units: .lennardJones)
        let error = #expect(throws: LeastActionError.self) { try problem(start, other) }
        #expect(error?.description.contains("atom 3 is Ar at the start and Kr at the end") == true)
    }

    @Test("overlapping atoms in an end point")
    func overlap() {
        let (start, end) = PathFixtures.clusterEnds()
        var crowded = end
        crowded.positions[4] = crowded.positions[0] + SIMD3(0.01, 0, 0)
        let error = #expect(throws: LeastActionError.self) { try problem(start, crowded) }
        #expect(error?.description.hasPrefix("the end structure:") == true)
    }

    @Test("fewer than three grid intervals")
    func intervals() {
        let (start, end) = PathFixtures.clusterEnds()
        #expect(throws: LeastActionError.invalidSetting("the time grid needs at least 3 intervals (N_t ≥ 3), got 2")) {
            try problem(start, end, intervals: 2)
        }
    }

    @Test("a potential without forces")
    func noForces() {
        let (start, end) = PathFixtures.clusterEnds()
        let error = #expect(throws: LeastActionError.self) { try problem(start, end, potential: EnergyOnly()) }
        #expect(error?.description == "EnergyOnly does not compute forces")
    }

    @Test("a velocity term without velocities")
    func missingVelocities() {
        var (start, end) = PathFixtures.clusterEnds()
        start.velocities = nil
        end.velocities = nil
        #expect(throws: LeastActionError.self) { try problem(start, end, weights: ActionWeights(startVelocity: 1)) }
    }

    @Test("the end point of a periodic cell is unwrapped against the start")
    func unwrapped() throws {
        let (start, end) = PathFixtures.periodicEnds()
        let problem = try LeastActionProblem(start: start, end: end, potential: PathFixtures.morse(), duration: 0.1, intervals: 4)
        for i in 0..<start.count {
            let d = SIMD3(problem.endPositions[3 * i], problem.endPositions[3 * i + 1], problem.endPositions[3 * i + 2]) - start.positions[i]
            #expect((d * d).sum().squareRoot() < 0.7)
        }
        #expect(abs(problem.endPositions[0] - end.positions[0].x) > 1)
    }
}

@Suite("Hessian products and path length")
struct HessianProductTests {
    @Test("force-difference Hessian products give the analytic gradient to 1e-7 relative")
    func forceDifference() throws {
        let (start, end) = PathFixtures.periodicEnds()
        func gradient(_ product: HessianProduct) throws -> [Double] {
            let problem = try LeastActionProblem(
                start: start, end: end, potential: PathFixtures.morse(), duration: 0.05, intervals: 4,
                weights: ActionWeights(action: 1, start: 0, end: 0, energy: 0), hessianProduct: product)
            let loss = ActionLoss(problem: problem, hiddenCount: 4)
            var g: [Double] = []
            _ = try loss.evaluate(PathFixtures.network(for: problem), gradient: &g)
            return g
        }
        let exact = try gradient(.analytic)
        let approximate = try gradient(.forceDifference(step: HessianProduct.defaultStep))
        let largest = exact.map(abs).max()!
        for (a, b) in zip(exact, approximate) { #expect(abs(a - b) <= 1e-7 * largest) }
    }

    @Test("rigid translation and rotation have no path speed; internal motion keeps its speed")
    func rigidMotion() {
        let positions: [SIMD3<Double>] = [[0, 0, 0], [1, 0, 0], [0, 1.2, 0], [0.3, 0.4, 0.9]]
        let masses = [1.0, 2, 1, 3]
        let omega = SIMD3<Double>(0.3, -0.7, 0.2), drift = SIMD3<Double>(1, 2, -1)
        let rigid = positions.map { drift + cross(omega, $0) }
        #expect(PathLength.internalSpeed(positions: positions, velocities: rigid, masses: masses, removeRotation: true) < 1e-12)
        #expect(PathLength.internalSpeed(positions: positions, velocities: rigid, masses: masses, removeRotation: false) > 0.1)
        // A breathing motion about the centre of mass has no momentum and no angular momentum.
        let total = masses.reduce(0, +)
        let centre = zip(positions, masses).reduce(SIMD3<Double>.zero) { $0 + $1.1 * $1.0 } / total
        let breathing = positions.map { 0.5 * ($0 - centre) }
        let expected = breathing.reduce(0) { $0 + dot($1, $1) }.squareRoot()
        let speed = PathLength.internalSpeed(positions: positions, velocities: breathing, masses: masses, removeRotation: true)
        #expect(abs(speed - expected) < 1e-12)
    }
}
