import Foundation
import BasinAtoms
import BasinMath
import BasinPotentials
import BasinTestSupport
import Testing

@Suite struct ScreenedNuclearRepulsionTests {
    /// The cristobalite cluster shrunk by a fifth: Si–O bonds near 1.24 Å, on both sides of
    /// the inner cutoff of `core` and inside its outer one.
    static func squeezed() throws -> Configuration {
        var c = try VashishtaSilica.cluster()
        c.positions = c.positions.map { 0.8 * $0 }
        return c
    }

    static let core = try! ScreenedNuclearRepulsion(elements: ["O", "Si"], inner: 1.15, outer: 1.6)

    /// LAMMPS `zbl 0.9 1.3` and `zbl 1.0 2.2` with Z = 14 and 8 (Fixtures/ZBL/make_fixtures.py):
    /// energy, per-atom energies, forces and virial pressure.
    @Test(arguments: [("dense", 0.9, 1.3), ("wide", 1.0, 2.2)])
    func matchesLAMMPS(name: String, inner: Double, outer: Double) throws {
        let fixture = try VashishtaLAMMPSTests.load(name, directory: "ZBL")
        let core = try ScreenedNuclearRepulsion(elements: ["Si", "O"], inner: inner, outer: outer)
        try VashishtaLAMMPSTests.expectAgreement(fixture, potential: core, tolerance: 1e-8)
    }

    /// Each element pair with its own cutoffs, as in a silica model's baseline.
    static let pairCore = try! ScreenedNuclearRepulsion(elements: ["O", "Si"], switching: [
        ElementPair("Si", "O"): .init(inner: 1.0, outer: 1.3), ElementPair("O", "O"): .init(inner: 1.75, outer: 2.05),
        ElementPair("Si", "Si"): .init(inner: 1.9, outer: 2.2),
    ])

    /// LAMMPS `hybrid/overlay zbl 1.0 1.3 zbl 1.75 2.05 zbl 1.9 2.2`, one sub-style per pair
    /// (Fixtures/ZBL/make_fixtures.py): energy, per-atom energies, forces and virial pressure.
    @Test func perPairCutoffsMatchLAMMPSOverlay() throws {
        let fixture = try VashishtaLAMMPSTests.load("pairs", directory: "ZBL")
        try VashishtaLAMMPSTests.expectAgreement(fixture, potential: Self.pairCore, tolerance: 1e-8)
        #expect(Self.pairCore.cutoff == 2.2 && Self.pairCore.commonSwitching == nil)
        #expect(Self.pairCore.switchingDescription == "O–O 1.75–2.05 Å, O–Si 1.0–1.3 Å, Si–Si 1.9–2.2 Å")
    }

    /// A pair repels out to its own outer cutoff only, and a pair without a switching not at all.
    @Test func eachPairStopsAtItsOwnCutoff() throws {
        func energy(_ core: ScreenedNuclearRepulsion, _ a: String, _ b: String, _ r: Double) throws -> Double {
            try Calculator(potential: core).evaluate(try Configuration(symbols: [a, b], positions: [.zero, SIMD3(r, 0, 0)])).energy
        }
        #expect(try energy(Self.pairCore, "Si", "Si", 2.0) > 0)
        #expect(try energy(Self.pairCore, "O", "O", 2.0) > 0)
        #expect(try energy(Self.pairCore, "Si", "O", 2.0) == 0)
        #expect(try energy(Self.pairCore, "O", "O", 2.1) == 0)
        let siliconOnly = try ScreenedNuclearRepulsion(elements: ["O", "Si"], switching: [ElementPair("Si", "Si"): .init(inner: 1.9, outer: 2.2)])
        #expect(try energy(siliconOnly, "Si", "O", 0.8) == 0)
        #expect(try energy(siliconOnly, "Si", "Si", 1.8) > 1)
        #expect(try ScreenedNuclearRepulsion(elements: ["O", "Si"], inner: 1, outer: 1.3).commonSwitching == .init(inner: 1, outer: 1.3))
    }

    @Test func perPairHessianMatchesFiniteDifferencesOfForces() throws {
        let calculator = Calculator(potential: Self.pairCore)
        let analytic = try #require(try calculator.evaluate(try Self.squeezed(), [.hessian]).hessian)
        let hessian = try FiniteDifferences.hessian(calculator, try Self.squeezed())
        #expect(zip(analytic.storage, hessian.storage).map { abs($0 - $1) }.max()! < 1e-6 * hessian.storage.map(abs).max()!)
    }

    /// Two atoms in open space: the bare ZBL formula written out by hand inside the inner
    /// cutoff (up to the constant shift), and energy, force and its slope reaching zero
    /// continuously at the outer cutoff.
    @Test func pairFollowsTheUniversalFormulaAndVanishesSmoothly() throws {
        let calculator = Calculator(potential: Self.core)
        func pair(_ r: Double) throws -> (energy: Double, force: Double) {
            let e = try calculator.evaluate(try Configuration(symbols: ["Si", "O"], positions: [.zero, SIMD3(r, 0, 0)]), [.energy, .forces])
            return (e.energy, e.forces[1].x)
        }
        let a = 0.46850 / (pow(14, 0.23) + pow(8, 0.23))
        let c = [0.18175, 0.50986, 0.28022, 0.02817], d = [3.19980, 0.94229, 0.40290, 0.20162]
        func bare(_ r: Double) -> Double { 14.399645 * 14 * 8 / r * zip(c, d).map { $0 * exp(-$1 * r / a) }.reduce(0, +) }
        // Inside r_in the energy differences and the force are the bare function's.
        let (e1, f1) = try pair(0.8), (e2, _) = try pair(1.0)
        #expect(abs((e1 - e2) - (bare(0.8) - bare(1.0))) < 1e-10 * bare(0.8))
        let h = 1e-6
        #expect(abs(f1 - (bare(0.8 - h) - bare(0.8 + h)) / (2 * h)) < 1e-6 * abs(f1))
        #expect(f1 > 100)
        // At and beyond r_out nothing; just inside, energy and force fall off as (r_out − r)³ and (r_out − r)².
        #expect(try pair(1.6).energy == 0)
        #expect(try pair(1.7).force == 0)
        let near = try pair(1.6 - 1e-3), nearer = try pair(1.6 - 5e-4)
        #expect(abs(near.energy) < 1e-6 && abs(near.force) < 1e-3)
        #expect(abs(near.energy / nearer.energy - 8) < 0.1)
        #expect(abs(near.force / nearer.force - 4) < 0.1)
    }

    /// One pair of cutoffs and one per pair, on periodic β-cristobalite shrunk by a fifth
    /// (a quarter for the per-pair core), thermally displaced.
    @Test(arguments: [(false, 0.8), (true, 0.75)])
    func forcesAndVirialAreEnergyDerivatives(perPair: Bool, shrink: Double) throws {
        var c = VashishtaSilica.displaced(try VashishtaSilica.cristobalite(cells: SIMD3(1, 1, 1)), amplitude: 0.1, seed: 3)
        c.positions = c.positions.map { shrink * $0 }
        c.cell = Cell(vectors: shrink * c.cell.vectors)
        let calculator = Calculator(potential: perPair ? Self.pairCore : Self.core)
        let e = try calculator.evaluate(c, [.energy, .forces, .virial])
        #expect(e.forces.contains { length($0) > 1 })
        #expect(FiniteDifferences.relativeError(e.forces, try FiniteDifferences.forces(calculator, c)) < 1e-6)
        let numeric = try FiniteDifferences.virial(calculator, c)
        #expect((e.virial - numeric).maxMagnitude < 1e-5 * numeric.maxMagnitude)
    }

    @Test func hessianMatchesFiniteDifferencesOfForces() throws {
        let c = try Self.squeezed()
        let calculator = Calculator(potential: Self.core)
        let analytic = try #require(try calculator.evaluate(c, [.hessian]).hessian)
        let numeric = try FiniteDifferences.hessian(calculator, c)
        let worst = zip(analytic.storage, numeric.storage).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-6 * numeric.storage.map(abs).max()!)
    }

    /// Rigid motions and relabelling (`SymmetryChecks.expectInvariance`), with repulsion in play.
    @Test func energyIsInvariantAndForcesAreEquivariant() throws {
        let c = try Self.squeezed()
        #expect(try Calculator(potential: Self.core).evaluate(c).energy > 1)
        try SymmetryChecks.expectInvariance(Self.core, c)
    }

    @Test func rejectsBadParametersAndMissingElements() throws {
        #expect(throws: PotentialError.self) { try ScreenedNuclearRepulsion(atomicNumbers: [:], inner: 1, outer: 2) }
        #expect(throws: PotentialError.self) { try ScreenedNuclearRepulsion(atomicNumbers: ["Si": 0], inner: 1, outer: 2) }
        #expect(throws: PotentialError.self) { try ScreenedNuclearRepulsion(atomicNumbers: ["Si": .infinity], inner: 1, outer: 2) }
        #expect(throws: PotentialError.self) { try ScreenedNuclearRepulsion(elements: ["Si"], inner: 1.3, outer: 1.3) }
        #expect(throws: PotentialError.self) { try ScreenedNuclearRepulsion(elements: ["Si"], inner: 0, outer: 1.3) }
        #expect(throws: PotentialError.self) { try ScreenedNuclearRepulsion(elements: ["Si"], inner: 1e-300, outer: 2e-300) }
        #expect(throws: PotentialError.self) { try ScreenedNuclearRepulsion(elements: ["Qq"], inner: 1, outer: 2) }
        #expect(throws: PotentialError.self) { try ScreenedNuclearRepulsion(elements: ["Si"], switching: [:]) }
        #expect(throws: PotentialError.self) {
            try ScreenedNuclearRepulsion(elements: ["Si"], switching: [ElementPair("Si", "O"): .init(inner: 1, outer: 2)])
        }
        #expect(throws: PotentialError.self) {
            try ScreenedNuclearRepulsion(elements: ["O", "Si"], switching: [ElementPair("Si", "O"): .init(inner: 2, outer: 1)])
        }
        let onlySilicon = try ScreenedNuclearRepulsion(elements: ["Si"], inner: 1, outer: 2)
        #expect(throws: PotentialError.self) { try Calculator(potential: onlySilicon).evaluate(try VashishtaSilica.cluster()) }
    }
}
