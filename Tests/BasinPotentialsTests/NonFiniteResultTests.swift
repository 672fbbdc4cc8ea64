import BasinAtoms
import BasinPotentials
import Testing

/// NaN or infinite results are errors, and parameters that overflow are refused when read.
@Suite struct NonFiniteResultTests {
    /// A potential whose force on the second atom is NaN, and whose energy is `energy`.
    struct BrokenPotential: Potential {
        var energy: Double
        var cutoff: Double { 2 }
        var neighborListKind: NeighborListKind { .half }
        var implementedProperties: Properties { [.energy, .forces] }
        var units: UnitSystem { .metal }
        func check(_ configuration: Configuration) throws(PotentialError) {}
        func evaluate(
            _ configuration: Configuration, neighbors: NeighborList, properties: Properties,
            into result: inout Evaluation, workspace: Workspace
        ) {
            result.energy = energy
            result.forces = configuration.positions.indices.map { $0 == 1 ? SIMD3(.nan, 0, 0) : .zero }
        }
    }

    let pair = Configuration(positions: [.zero, SIMD3(1, 0, 0)], species: [0, 0], elements: [.dummy()])

    @Test func aNaNForceIsAnErrorNamingTheAtom() throws {
        let calculator = Calculator(potential: BrokenPotential(energy: -1))
        #expect(throws: PotentialError.nonFiniteResult("the force on atom 2", potential: "BrokenPotential")) {
            try calculator.evaluate(pair, .energyAndForces)
        }
        // Energy alone is finite here, so it is returned.
        #expect(try calculator.evaluate(pair, .energy).energy == -1)
    }

    @Test func anInfiniteEnergyIsAnError() throws {
        let calculator = Calculator(potential: BrokenPotential(energy: -.infinity))
        #expect(throws: PotentialError.nonFiniteResult("the energy (-inf)", potential: "BrokenPotential")) {
            try calculator.evaluate(pair, .energy)
        }
    }

    static let silicon = "Si Si Si 2.1683 2.0951 1.80 21.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0"

    /// ε or γ of 1e308 made every Stillinger–Weber energy −nan with exit status 0.
    @Test(arguments: [
        ("Si Si Si 1e308 2.0951 1.80 21.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0", "A·ε·p·B·σ^p overflows"),
        ("Si Si Si 2.1683 2.0951 1.80 21.0 1e308 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0", "γ·σ overflows"),
    ])
    func overflowingStillingerWeberParametersAreRefused(text: String, reason: String) {
        #expect(throws: ParameterFileError(file: "big.sw", line: 1, "\(reason); the parameters are out of range")) {
            try StillingerWeber(text: text, file: "big.sw")
        }
    }

    /// H of 1e308 made every Vashishta energy −nan with exit status 0.
    @Test func overflowingVashishtaParametersAreRefused() {
        let text = "Si Si Si 1e308 11 1.6 1.6 999 0.0 4.43 0.0 10.0 0.0 0.0 0.0 0.0 0.0"
        #expect(throws: ParameterFileError(file: "big.vashishta", line: 1, "H·η overflows; the parameters are out of range")) {
            try Vashishta(text: text, file: "big.vashishta")
        }
    }

    /// `--epsilon 1e308` or `--sigma 1e300` gave an energy of −nan.
    @Test func overflowingLennardJonesParametersAreRefused() {
        #expect(throws: PotentialError.invalidParameters("48εσ¹² overflows (ε = 1e+308, σ = 1.0); the parameters are out of range")) {
            try LennardJones(epsilon: 1e308)
        }
        #expect(throws: PotentialError.self) { try LennardJones(sigma: 1e300) }
    }
}
