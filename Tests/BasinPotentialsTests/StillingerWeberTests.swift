import BasinAtoms
import BasinMath
import BasinPotentials
import BasinTestSupport
import Foundation
import Testing

@Suite struct StillingerWeberTests {
    @Test func perfectDiamondHasTheStillingerWeberCohesiveEnergy() throws {
        let e = try Calculator(potential: try StillingerWeberSystems.siliconPotential()).evaluate(try StillingerWeberSystems.diamond(cells: 3))
        #expect(abs(e.energy / 216 + 4.3366) < 1e-4)
        #expect(e.maximumForce < 1e-10)
    }

    @Test func readsTheFileAsLAMMPSDoes() throws {
        let sw = try StillingerWeber(text: StillingerWeberSystems.siliconGermanium, file: "SiGe.sw")
        #expect(sw.elements == ["Si", "Ge"])
        #expect(sw.parameters("Ge", "Si", "Si")?.lambda == 27)
        #expect(sw.parameters("Si", "Ge", "Si")?.cosTheta0 == -0.30)
        #expect(abs(sw.cutoff - 1.8 * 2.181) < 1e-15)
        let silicon = try StillingerWeberSystems.siliconPotential()
        #expect(abs(silicon.cutoff - 1.8 * 2.0951) < 1e-15)
        let onlyGermanium = try StillingerWeber(text: StillingerWeberSystems.siliconGermanium, file: "SiGe.sw", elements: ["Ge"])
        #expect(onlyGermanium.elements == ["Ge"])
        #expect(onlyGermanium.parameters("Ge", "Ge", "Ge")?.epsilon == 1.93)
    }

    @Test(arguments: ["periodic", "cluster", "small cell", "two elements"])
    func forcesAreMinusTheEnergyGradient(system: String) throws {
        let (c, sw) = try Self.system(system)
        let calculator = Calculator(potential: sw, skin: 0.5)
        let analytic = try calculator.evaluate(c).forces
        let numeric = try FiniteDifferences.forces(calculator, c)
        #expect(FiniteDifferences.relativeError(analytic, numeric) < 1e-6)
    }

    @Test(arguments: ["periodic", "small cell", "two elements"])
    func virialIsTheStrainDerivativeOfTheEnergy(system: String) throws {
        let (c, sw) = try Self.system(system)
        let calculator = Calculator(potential: sw, skin: 0.5)
        let analytic = try calculator.evaluate(c, [.energy, .virial]).virial
        let numeric = try FiniteDifferences.virial(calculator, c)
        #expect((analytic - numeric).maxMagnitude < 1e-6 * numeric.maxMagnitude)
    }

    @Test(arguments: ["periodic", "cluster", "two elements"])
    func perAtomEnergiesSumToTheTotal(system: String) throws {
        let (c, sw) = try Self.system(system)
        let e = try Calculator(potential: sw).evaluate(c, [.energy, .perAtomEnergies])
        #expect(e.perAtomEnergies.count == c.count)
        #expect(abs(e.perAtomEnergies.reduce(0, +) - e.energy) < 1e-12 * abs(e.energy))
    }

    @Test func energyIsInvariantUnderTranslationRotationAndPermutation() throws {
        let sw = try StillingerWeberSystems.siliconPotential()
        let c = try StillingerWeberSystems.cluster()
        let e0 = try Calculator(potential: sw).evaluate(c, .energy).energy
        var moved = c
        let rotation = Matrix3.rotation(axis: SIMD3(0.3, -1, 0.4), angle: 1.1)
        moved.positions = c.positions.map { rotation * $0 + SIMD3(3.1, -2, 7) }
        #expect(abs(try Calculator(potential: sw).evaluate(moved, .energy).energy - e0) < 1e-12 * abs(e0))
        var permuted = c
        permuted.positions.reverse()
        #expect(abs(try Calculator(potential: sw).evaluate(permuted, .energy).energy - e0) < 1e-12 * abs(e0))
        let p = StillingerWeberSystems.displaced(try StillingerWeberSystems.diamond(cells: 2), amplitude: 0.1, seed: 5)
        let ep = try Calculator(potential: sw).evaluate(p, .energy).energy
        var shifted = p
        shifted.positions = p.positions.map { $0 + SIMD3(13.7, -5.2, 0.9) }
        #expect(abs(try Calculator(potential: sw).evaluate(shifted, .energy).energy - ep) < 1e-12 * abs(ep))
    }

    @Test func threadsGiveTheSameResults() throws {
        let (c, sw) = try Self.system("two elements")
        let all: Properties = [.energy, .forces, .virial, .perAtomEnergies]
        let one = try Calculator(potential: sw, threads: 1).evaluate(c, all)
        let two = try Calculator(potential: sw, threads: 2).evaluate(c, all)
        #expect(abs(one.energy - two.energy) < 1e-12 * abs(one.energy))
        #expect(FiniteDifferences.relativeError(two.forces, one.forces) < 1e-12)
        #expect((one.virial - two.virial).maxMagnitude < 1e-12 * one.virial.maxMagnitude)
        #expect(zip(one.perAtomEnergies, two.perAtomEnergies).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func structuresWithElementsOutsideTheFileAreRejected() throws {
        let c = try Configuration(symbols: ["Si", "C"], positions: [.zero, SIMD3(2, 0, 0)])
        #expect(throws: PotentialError.self) { try Calculator(potential: try StillingerWeberSystems.siliconPotential()).evaluate(c) }
    }

    /// The named test system and its potential.
    static func system(_ name: String) throws -> (Configuration, StillingerWeber) {
        let silicon = try StillingerWeberSystems.siliconPotential()
        switch name {
        case "periodic":
            return (StillingerWeberSystems.displaced(try StillingerWeberSystems.diamond(cells: 2), amplitude: 0.12, seed: 1), silicon)
        case "cluster":
            return (try StillingerWeberSystems.cluster(), silicon)
        case "small cell":
            // Half the 5.431 Å cell is narrower than the 3.77 Å cutoff: several images in range.
            return (StillingerWeberSystems.displaced(try StillingerWeberSystems.diamond(cells: 1), amplitude: 0.12, seed: 2), silicon)
        default:
            return (try StillingerWeberSystems.siliconGermaniumAlloy(),
                    try StillingerWeber(text: StillingerWeberSystems.siliconGermanium, file: "SiGe.sw"))
        }
    }
}
