import Foundation
import BasinAtoms
import BasinMath
import BasinPotentials
import BasinTestSupport
import Testing

@Suite struct DampedShiftedCoulombTests {
    static let charges = ["Si": 1.6, "O": -0.8]

    static func silica(seed: UInt64 = 5) throws -> Configuration {
        VashishtaSilica.displaced(try VashishtaSilica.cristobalite(cells: SIMD3(1, 1, 1)), amplitude: 0.1, seed: seed)
    }

    /// LAMMPS `coul/dsf 0.0 10.0` and `coul/dsf 0.2 9.0` (Fixtures/Coulomb/make_fixtures.py):
    /// energy with the self term, per-atom energies, forces and virial pressure. LAMMPS takes
    /// erfc from a polynomial good to about 10⁻⁷, hence the looser tolerance with damping; without,
    /// sums of some 500 pair terms of either sign per atom agree to about 10⁻⁹ relative.
    @Test(arguments: [("thermal_dsf", 0.0, 10.0, 1e-8), ("liquid_damped", 0.2, 9.0, 1e-5)])
    func matchesLAMMPS(name: String, alpha: Double, cutoff: Double, tolerance: Double) throws {
        let fixture = try VashishtaLAMMPSTests.load(name, directory: "Coulomb")
        let coulomb = try DampedShiftedCoulomb(charges: Self.charges, alpha: alpha, cutoff: cutoff)
        try VashishtaLAMMPSTests.expectAgreement(fixture, potential: coulomb, tolerance: tolerance)
    }

    /// Two ions in open space against the formula written out by hand.
    @Test func ionPairFollowsTheShiftedForceFormula() throws {
        let coulomb = try DampedShiftedCoulomb(charges: Self.charges, cutoff: 10)
        let r = 3.7, k = 14.399645, qq = 1.6 * -0.8
        let c = try Configuration(symbols: ["Si", "O"], positions: [.zero, SIMD3(r, 0, 0)])
        let e = try Calculator(potential: coulomb).evaluate(c, [.energy, .forces, .perAtomEnergies])
        let pair = k * qq * (1 / r - 1 / 10.0 + (r - 10) / 100)
        let selves = -k * (1.6 * 1.6 + 0.8 * 0.8) / 10
        #expect(abs(e.energy - (pair + selves)) < 1e-12)
        #expect(abs(e.forces[1].x - k * qq * (1 / (r * r) - 1 / 100.0)) < 1e-12)
        #expect(abs(e.perAtomEnergies[0] - (pair / 2 - k * 1.6 * 1.6 / 10)) < 1e-12)
        // Beyond the cutoff only the self energies remain.
        let apart = try Configuration(symbols: ["Si", "O"], positions: [.zero, SIMD3(10.5, 0, 0)])
        #expect(abs(try Calculator(potential: coulomb).evaluate(apart).energy - selves) < 1e-12)
    }

    @Test(arguments: [0.0, 0.25])
    func forcesAndVirialAreEnergyDerivatives(alpha: Double) throws {
        let c = try Self.silica()
        let calculator = Calculator(potential: try DampedShiftedCoulomb(charges: Self.charges, alpha: alpha, cutoff: 8))
        let e = try calculator.evaluate(c, [.energy, .forces, .virial])
        #expect(FiniteDifferences.relativeError(e.forces, try FiniteDifferences.forces(calculator, c)) < 1e-6)
        let numeric = try FiniteDifferences.virial(calculator, c)
        #expect((e.virial - numeric).maxMagnitude < 1e-5 * numeric.maxMagnitude)
    }

    @Test func hessianMatchesFiniteDifferencesOfForces() throws {
        let c = try VashishtaSilica.cluster()
        let calculator = Calculator(potential: try DampedShiftedCoulomb(charges: Self.charges, alpha: 0.1, cutoff: 6))
        let analytic = try #require(try calculator.evaluate(c, [.hessian]).hessian)
        let numeric = try FiniteDifferences.hessian(calculator, c)
        let worst = zip(analytic.storage, numeric.storage).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-6 * numeric.storage.map(abs).max()!)
    }

    /// Rigid motions and relabelling (`SymmetryChecks.expectInvariance`).
    @Test func energyIsInvariantAndForcesAreEquivariant() throws {
        try SymmetryChecks.expectInvariance(try DampedShiftedCoulomb(charges: Self.charges, cutoff: 7), try VashishtaSilica.cluster())
    }

    @Test func rejectsBadParametersAndMissingElements() throws {
        #expect(throws: PotentialError.self) { try DampedShiftedCoulomb(charges: [:], cutoff: 10) }
        #expect(throws: PotentialError.self) { try DampedShiftedCoulomb(charges: ["Si": .nan], cutoff: 10) }
        #expect(throws: PotentialError.self) { try DampedShiftedCoulomb(charges: ["Si": 1], alpha: -1, cutoff: 10) }
        #expect(throws: PotentialError.self) { try DampedShiftedCoulomb(charges: ["Si": 1], cutoff: 0) }
        let onlySilicon = try DampedShiftedCoulomb(charges: ["Si": 1], cutoff: 5)
        #expect(throws: PotentialError.self) { try Calculator(potential: onlySilicon).evaluate(try VashishtaSilica.cluster()) }
    }

    /// Vashishta + Coulomb through `PotentialWithBaseline` (a full list to 10 Å and a half list
    /// to 8 Å) equals the two evaluated apart, property by property.
    @Test func potentialWithBaselineAddsBothParts() throws {
        let c = try Self.silica(seed: 9)
        let vashishta = try VashishtaSilica.potential()
        let coulomb = try DampedShiftedCoulomb(charges: Self.charges, alpha: 0.1, cutoff: 8)
        let sum = try PotentialWithBaseline(main: vashishta, baseline: coulomb)
        let properties: Properties = [.energy, .forces, .virial, .perAtomEnergies]
        for threads in [1, 2] {
            let calculator = Calculator(potential: sum, threads: threads)
            for step in 0..<2 {
                var moved = c
                moved.positions[0].x += 0.05 * Double(step)
                let total = try calculator.evaluate(moved, properties)
                let a = try Calculator(potential: vashishta).evaluate(moved, properties)
                let b = try Calculator(potential: coulomb).evaluate(moved, properties)
                #expect(abs(total.energy - (a.energy + b.energy)) < 1e-10 * abs(total.energy))
                #expect(FiniteDifferences.relativeError(total.forces, zip(a.forces, b.forces).map { $0 + $1 }) < 1e-12)
                #expect(zip(total.perAtomEnergies, zip(a.perAtomEnergies, b.perAtomEnergies)).allSatisfy { abs($0 - $1.0 - $1.1) < 1e-10 })
                #expect((total.virial - (a.virial + b.virial)).maxMagnitude < 1e-10 * total.virial.maxMagnitude)
            }
        }
        #expect(!sum.implementedProperties.contains(.hessian))
        #expect(sum.cutoff == vashishta.cutoff)
    }
}
