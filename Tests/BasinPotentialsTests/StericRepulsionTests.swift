import Foundation
import BasinAtoms
import BasinMath
import BasinPotentials
import BasinTestSupport
import Testing

@Suite struct StericRepulsionTests {
    /// Vashishta's SiO2 steric terms (PublishedParameters.silicaVashishta1990).
    static let silica = try! StericRepulsion(elements: ["Si", "O"], terms: [
        ElementPair("Si", "Si"): .init(h: 0.82023, eta: 11, cutoff: 10), ElementPair("Si", "O"): .init(h: 163.859, eta: 9, cutoff: 10),
        ElementPair("O", "O"): .init(h: 743.848, eta: 7, cutoff: 10),
    ])

    /// A silica model's whole baseline in LAMMPS (Fixtures/ZBL/make_fixtures.py, `baseline`):
    /// `hybrid/overlay coul/dsf 0.0 10.0`, one `zbl` per pair and `vashishta` with the steric
    /// file, against Basin's sum of the three: to 2 × 10⁻⁸ (absolute on per-atom energies and
    /// forces that sum pair terms of up to 10² eV at 1.2 Å; 10⁻⁸ holds for all else).
    @Test func baselineMatchesLAMMPSOverlay() throws {
        let fixture = try VashishtaLAMMPSTests.load("baseline", directory: "ZBL")
        let coulomb = try DampedShiftedCoulomb(charges: ["Si": 1.6, "O": -0.8], alpha: 0, cutoff: 10)
        let core = try ScreenedNuclearRepulsion(elements: ["O", "Si"], switching: [
            ElementPair("Si", "O"): .init(inner: 1.02, outer: 1.32), ElementPair("O", "O"): .init(inner: 1.75, outer: 2.05),
            ElementPair("Si", "Si"): .init(inner: 1.92, outer: 2.22),
        ])
        let sum = try PotentialWithBaseline(main: try PotentialWithBaseline(main: coulomb, baseline: core), baseline: Self.silica)
        try VashishtaLAMMPSTests.expectAgreement(fixture, potential: sum, tolerance: 2e-8)
    }

    /// Two atoms: H/r^η shifted so that energy and force vanish at r_c, and nothing for a pair without a term.
    @Test func pairIsVashishtasShiftedStericTerm() throws {
        func pair(_ potential: StericRepulsion, _ a: String, _ b: String, _ r: Double) throws -> (energy: Double, force: Double) {
            let e = try Calculator(potential: potential).evaluate(
                try Configuration(symbols: [a, b], positions: [.zero, SIMD3(r, 0, 0)]), [.energy, .forces])
            return (e.energy, e.forces[1].x)
        }
        let h = 163.859, rc = 10.0
        func shifted(_ r: Double) -> Double { h / pow(r, 9) - h / pow(rc, 9) + (r - rc) * 9 * h / pow(rc, 10) }
        let (e, f) = try pair(Self.silica, "Si", "O", 1.5)
        #expect(abs(e - shifted(1.5)) < 1e-12 * shifted(1.5))
        #expect(abs(f - (9 * h / pow(1.5, 10) - 9 * h / pow(rc, 10))) < 1e-10 * f)
        #expect(try pair(Self.silica, "O", "O", 10.5).energy == 0)
        let oxygenOnly = try StericRepulsion(elements: ["O", "Si"], terms: [ElementPair("O", "O"): .init(h: 743.848, eta: 7, cutoff: 5)])
        #expect(try pair(oxygenOnly, "Si", "O", 1.0).energy == 0)
        #expect(try pair(oxygenOnly, "O", "O", 2.0).energy > 1)
    }

    @Test func forcesAreEnergyDerivatives() throws {
        let c = VashishtaSilica.displaced(try VashishtaSilica.cristobalite(cells: SIMD3(1, 1, 1)), amplitude: 0.15, seed: 9)
        let calculator = Calculator(potential: Self.silica)
        let e = try calculator.evaluate(c, [.energy, .forces])
        #expect(e.forces.contains { length($0) > 0.5 })
        #expect(FiniteDifferences.relativeError(e.forces, try FiniteDifferences.forces(calculator, c)) < 1e-6)
    }

    /// The pair kernel against its own LAMMPS file read as a Vashishta potential (whose pair
    /// term it is), on a distorted cristobalite and with a non-whole η: energies, per-atom
    /// energies, forces and virial; the Hessian against finite differences.
    @Test func equalsItsVashishtaFile() throws {
        let c = VashishtaSilica.displaced(try VashishtaSilica.cristobalite(cells: SIMD3(1, 1, 1)), amplitude: 0.15, seed: 4)
        let odd = try StericRepulsion(elements: ["Si", "O"], terms: [
            ElementPair("Si", "O"): .init(h: 163.859, eta: 8.5, cutoff: 6), ElementPair("O", "O"): .init(h: 743.848, eta: 7, cutoff: 5.5),
        ])
        for steric in [Self.silica, odd] {
            let vashishta = try Vashishta(text: steric.vashishtaText, file: "steric")
            let properties: Properties = [.energy, .forces, .virial, .perAtomEnergies]
            let a = try Calculator(potential: steric).evaluate(c, properties)
            let b = try Calculator(potential: vashishta).evaluate(c, properties)
            #expect(abs(a.energy) > 1)
            #expect(abs(a.energy - b.energy) <= 1e-12 * abs(b.energy))
            #expect(FiniteDifferences.relativeError(a.forces, b.forces) < 1e-12)
            #expect(zip(a.perAtomEnergies, b.perAtomEnergies).allSatisfy { abs($0 - $1) <= 1e-12 * abs(b.energy) })
            for (x, y) in [(a.virial.rows.0, b.virial.rows.0), (a.virial.rows.1, b.virial.rows.1), (a.virial.rows.2, b.virial.rows.2)] {
                #expect(((x - y) * (x - y)).sum().squareRoot() <= 1e-12 * (abs(b.energy) + 1))
            }
        }
        // The Hessian, which the Vashishta form lacks, against finite differences of the forces.
        let cluster = try Configuration(symbols: ["Si", "O", "O", "Si", "O"], positions: [
            .zero, SIMD3(1.62, 0.1, 0), SIMD3(-0.5, 1.5, 0.2), SIMD3(3.0, 0.4, 0.3), SIMD3(1.4, -1.3, 1.1),
        ])
        let calculator = Calculator(potential: odd)
        let hessian = try #require(try calculator.evaluate(cluster, [.hessian]).hessian)
        let numeric = try FiniteDifferences.hessian(calculator, cluster)
        let scale = numeric.storage.map(abs).max()!
        #expect(scale > 1)
        #expect(zip(hessian.storage, numeric.storage).allSatisfy { abs($0 - $1) <= 1e-5 * scale })
    }

    @Test func rejectsBadTerms() throws {
        let term = StericRepulsion.Term(h: 1, eta: 9, cutoff: 5)
        #expect(throws: PotentialError.self) { try StericRepulsion(elements: ["O"], terms: [:]) }
        #expect(throws: PotentialError.self) { try StericRepulsion(elements: ["O"], terms: [ElementPair("O", "Si"): term]) }
        for bad in [StericRepulsion.Term(h: -1, eta: 9, cutoff: 5), .init(h: 1, eta: .nan, cutoff: 5), .init(h: 1, eta: 9, cutoff: 0),
                    .init(h: 1e300, eta: 9, cutoff: 1e-3)] {
            #expect(throws: PotentialError.self) { try StericRepulsion(elements: ["O"], terms: [ElementPair("O", "O"): bad]) }
        }
    }
}
