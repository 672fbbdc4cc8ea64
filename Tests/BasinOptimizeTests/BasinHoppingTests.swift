import BasinAtoms
import BasinMath
import BasinOptimize
import BasinPotentials
import Foundation
import Testing

/// Random starting coordinates of an N-atom cluster: a sphere at density 1 σ⁻³, no pair
/// closer than 0.8 σ (as `basin hop --atoms N`).
func randomClusterCoordinates(atoms: Int, generator: inout SeededGenerator) throws -> [Double] {
    let radius = cbrt(3 * Double(atoms) / (4 * Double.pi))
    let cluster = try RandomStructures.cluster(count: atoms, radius: radius, minimumDistance: 0.8, generator: &generator)
    return cluster.positions.flatMap { [$0.x, $0.y, $0.z] }
}

/// GMIN's container radius for an N-atom Lennard-Jones cluster (σ).
func containerRadius(atoms: Int) -> Double {
    2 + cbrt(3 * Double(atoms) / (4 * Double.pi * 2.0.squareRoot()))
}

@Suite("Basin hopping")
struct BasinHoppingTests {
    /// Global minima of the Cambridge Cluster Database (data/lj-clusters/energies.csv).
    static let globalMinima: [Int: Double] = [7: -16.505384, 13: -44.326801]

    @Test("finds the LJ7 and LJ13 global minima from random starts within 1000 steps",
          arguments: [7, 13], [UInt64(11), 12, 13])
    func findsGlobalMinimum(atoms: Int, seed: UInt64) throws {
        let target = try #require(Self.globalMinima[atoms])
        var generator = SeededGenerator(seed: seed)
        let start = try randomClusterCoordinates(atoms: atoms, generator: &generator)
        var cluster = ClusterLennardJones(atomCount: atoms)
        let hopping = BasinHopping(containerRadius: containerRadius(atoms: atoms), targetEnergy: target)
        let result = hopping.run(&cluster, from: start, steps: 1000, minimizer: BasinHoppingLBFGS(), generator: &generator)
        #expect(result.stopReason == .targetReached)
        let lowest = try #require(result.lowest)
        #expect(abs(lowest.energy - target) < 1e-5)
        #expect(result.targetStep == result.steps)
        #expect(lowest.firstStep == result.targetStep)
        #expect(lowest.positions.count == atoms)
    }

    /// One step as the reproducibility test compares it.
    struct StepRecord: Equatable {
        var outcome: BasinHoppingStep.Outcome
        var trialEnergy: Double
        var isNew: Bool
    }

    func hop(seed: UInt64, steps: Int) throws -> (steps: [StepRecord], result: BasinHoppingResult) {
        var generator = SeededGenerator(seed: seed)
        let start = try randomClusterCoordinates(atoms: 13, generator: &generator)
        var cluster = ClusterLennardJones(atomCount: 13)
        var records: [StepRecord] = []
        var numbers: [Int] = []
        let result = BasinHopping(temperature: 2).run(
            &cluster, from: start, steps: steps, minimizer: BasinHoppingLBFGS(), generator: &generator
        ) { step in
            records.append(StepRecord(outcome: step.outcome, trialEnergy: step.trialEnergy, isNew: step.isNewMinimum))
            numbers.append(step.step)
        }
        #expect(numbers == Array(1...steps))
        return (records, result)
    }

    @Test("the same seed gives the same sequence of minima; another seed does not")
    func reproducible() throws {
        let first = try hop(seed: 5, steps: 150)
        let again = try hop(seed: 5, steps: 150)
        let other = try hop(seed: 6, steps: 150)
        #expect(first.steps == again.steps)
        #expect(first.steps != other.steps)
        #expect(first.result.minima.minima.map(\.energy) == again.result.minima.minima.map(\.energy))
        #expect(first.result.minima.minima.map(\.firstStep) == again.result.minima.minima.map(\.firstStep))
        #expect(first.result.minima.minima.map(\.positions) == again.result.minima.minima.map(\.positions))
        // At T = 2 ε the walk visits many minima and accepts some uphill moves.
        #expect(first.result.minima.count > 10)
        #expect(first.steps.contains { $0.outcome == .rejected })
        #expect(first.steps.filter(\.isNew).count == first.result.minima.count - 1)
    }

    @Test("minima are recorded lowest first, each counted as often as it was found")
    func minimaBookkeeping() throws {
        let (records, result) = try hop(seed: 7, steps: 100)
        let minima = result.minima.minima
        #expect(zip(minima, minima.dropFirst()).allSatisfy { $0.energy <= $1.energy })
        let recorded = records.filter { $0.outcome == .accepted || $0.outcome == .rejected }.count
        #expect(minima.reduce(0) { $0 + $1.timesFound } == recorded + 1)
        #expect(result.acceptedSteps == records.filter { $0.outcome == .accepted }.count)
        let lowestTrial = try #require(records.map(\.trialEnergy).min())
        let lowest = try #require(result.lowest?.energy)
        #expect(lowest <= lowestTrial + result.minima.energyTolerance)
    }

    @Test("steps that push an atom out of the container are rejected and not recorded")
    func containerRejectsEvaporation() throws {
        var generator = SeededGenerator(seed: 3)
        let start = try randomClusterCoordinates(atoms: 13, generator: &generator)
        var cluster = ClusterLennardJones(atomCount: 13)
        // The relaxed icosahedron's outer atoms sit about 1.1 σ from the centre.
        let hopping = BasinHopping(containerRadius: 0.5)
        let result = hopping.run(&cluster, from: start, steps: 20, minimizer: BasinHoppingLBFGS(), generator: &generator)
        #expect(result.evaporatedSteps == 20)
        #expect(result.acceptedSteps == 0)
        #expect(result.minima.count == 1)
        #expect(result.minima.lowest?.timesFound == 1)
    }

    /// Steps (numbers) that accepted a higher minimum, in a walk so cold that the Metropolis
    /// test never does.
    func uphillAcceptances(restartInterval: Int?) throws -> (uphill: [Int], sinceImprovement: [Int]) {
        var generator = SeededGenerator(seed: 4)
        let start = try randomClusterCoordinates(atoms: 13, generator: &generator)
        var cluster = ClusterLennardJones(atomCount: 13)
        var uphill: [Int] = [], sinceImprovement: [Int] = []
        var current = Double.infinity, lowest = Double.infinity, lastImprovement = 0
        let hopping = BasinHopping(temperature: 1e-9, restartInterval: restartInterval, restartDisplacement: 0.6)
        _ = hopping.run(&cluster, from: start, steps: 80, minimizer: BasinHoppingLBFGS(), generator: &generator) { step in
            if step.outcome == .accepted, step.trialEnergy > current + 1e-6 {
                uphill.append(step.step)
                sinceImprovement.append(step.step - lastImprovement)
            }
            if step.lowestEnergy < lowest - 1e-6 {
                lowest = step.lowestEnergy
                lastImprovement = step.step
            }
            current = step.currentEnergy
        }
        return (uphill, sinceImprovement)
    }

    @Test("restarts from the lowest minimum come after steps without improvement")
    func restarts() throws {
        #expect(try uphillAcceptances(restartInterval: nil).uphill.isEmpty)
        let restarted = try uphillAcceptances(restartInterval: 10)
        #expect(!restarted.uphill.isEmpty)
        // Restarts come only after 10 steps without a new lowest energy.
        #expect(restarted.sinceImprovement.allSatisfy { $0 > 10 })
    }

    @Test("any Potential works through PotentialEnergySurface")
    func genericPotential() throws {
        var generator = SeededGenerator(seed: 21)
        let start = try randomClusterCoordinates(atoms: 7, generator: &generator)
        let positions = (0..<7).map { SIMD3(start[3 * $0], start[3 * $0 + 1], start[3 * $0 + 2]) }
        let configuration = try Configuration(symbols: Array(repeating: "X", count: 7), positions: positions, units: .lennardJones)
        let calculator = Calculator(potential: try LennardJones(epsilon: 1, sigma: 1, cutoff: nil))
        var surface = PotentialEnergySurface(configuration: configuration, calculator: calculator)
        let hopping = BasinHopping(containerRadius: containerRadius(atoms: 7), targetEnergy: -16.505384)
        let result = try hopping.run(&surface, from: start, steps: 300, minimizer: LBFGS(), generator: &generator)
        #expect(result.stopReason == .targetReached)
        #expect(abs((result.lowest?.energy ?? 0) + 16.505384) < 1e-5)
    }

    @Test("settings a user can get wrong are named")
    func problems() {
        #expect(BasinHopping().problems.isEmpty)
        #expect(BasinHopping(temperature: 0).problems == ["the temperature must be positive"])
        #expect(BasinHopping(targetAcceptance: 1).problems == ["the target acceptance must lie between 0 and 1"])
        #expect(BasinHopping(containerRadius: -1).problems == ["the container radius must be positive"])
    }
}
