import Foundation
import BasinAtoms
import BasinMath
import BasinPotentials
import BasinTestSupport
import Testing

@Suite struct VashishtaTests {
    /// A one-element Vashishta parameterization with a strong three-body term, so that
    /// single-species paths are exercised with every term non-zero.
    static let oneElement = """
        X X X 5.0 9 1.0 1.0 3.0 2.0 2.5 1.5 4.0 3.0 1.2 2.6 0.5 -0.3333
        """

    @Test func parsesTheFileAsLAMMPSDoes() throws {
        let v = try VashishtaSilica.potential()
        #expect(v.elements == ["Si", "O"])
        #expect(v.cutoff == 10)
        let siOO = try #require(v.entry("Si", "O", "O"))
        #expect(siOO.h == 163.859 && siOO.eta == 9 && siOO.zi == 1.6 && siOO.zj == -0.8 && siOO.b == 5.0365 && siOO.r0 == 2.6)
    }

    @Test(arguments: ["periodic", "open", "single element"])
    func forcesAreMinusTheEnergyGradient(system: String) throws {
        let (c, v): (Configuration, Vashishta)
        switch system {
        case "periodic":
            c = VashishtaSilica.displaced(try VashishtaSilica.cristobalite(cells: SIMD3(1, 1, 1)), amplitude: 0.12, seed: 1)
            v = try VashishtaSilica.potential()
        case "open":
            (c, v) = (try VashishtaSilica.cluster(), try VashishtaSilica.potential())
        default:
            var x = VashishtaSilica.displaced(try VashishtaSilica.cristobalite(cells: SIMD3(1, 1, 1), a: 8.6), amplitude: 0.1, seed: 2)
            x.elements = [.dummy("X")]
            x.species = Array(repeating: 0, count: x.count)
            x.masses = Array(repeating: 1, count: x.count)
            (c, v) = (x, try Vashishta(text: Self.oneElement))
        }
        let calculator = Calculator(potential: v)
        let analytic = try calculator.evaluate(c).forces
        let numeric = try FiniteDifferences.forces(calculator, c, step: 1e-5)
        #expect(FiniteDifferences.relativeError(analytic, numeric) < 1e-6)
    }

    @Test(arguments: ["orthorhombic", "triclinic"])
    func virialIsTheStrainDerivativeOfTheEnergy(system: String) throws {
        var c = VashishtaSilica.displaced(try VashishtaSilica.cristobalite(cells: SIMD3(1, 1, 1)), amplitude: 0.1, seed: 3)
        if system == "triclinic" {
            let shear = Matrix3(rows: SIMD3(1, 0.15, -0.1), SIMD3(0, 1, 0.12), SIMD3(0, 0, 1))
            c.positions = c.positions.map { shear * $0 }
            c.cell.vectors = Matrix3(rows: shear * c.cell.vectors[0], shear * c.cell.vectors[1], shear * c.cell.vectors[2])
        }
        let calculator = Calculator(potential: try VashishtaSilica.potential())
        let analytic = try calculator.evaluate(c, [.energy, .virial]).virial
        let numeric = try FiniteDifferences.virial(calculator, c)
        #expect((analytic - numeric).maxMagnitude < 1e-6 * numeric.maxMagnitude)
    }

    @Test func perAtomEnergiesSumToTheTotal() throws {
        let c = VashishtaSilica.displaced(try VashishtaSilica.cristobalite(cells: SIMD3(2, 1, 1)), amplitude: 0.1, seed: 4)
        let e = try Calculator(potential: try VashishtaSilica.potential()).evaluate(c, [.energy, .perAtomEnergies])
        #expect(e.perAtomEnergies.count == c.count)
        #expect(abs(e.perAtomEnergies.reduce(0, +) - e.energy) < 1e-10 * abs(e.energy))
    }

    @Test func energyIsInvariantUnderTranslationRotationAndPermutation() throws {
        let v = try VashishtaSilica.potential()
        let c = try VashishtaSilica.cluster()
        let e0 = try Calculator(potential: v).evaluate(c, .energy).energy
        var moved = c
        let rotation = Matrix3.rotation(axis: SIMD3(0.3, -1, 0.4), angle: 1.1)
        moved.positions = c.positions.map { rotation * $0 + SIMD3(3.1, -2, 7) }
        #expect(abs(try Calculator(potential: v).evaluate(moved, .energy).energy - e0) < 1e-12 * abs(e0))
        var permuted = c
        permuted.positions.reverse()
        permuted.species.reverse()
        permuted.masses.reverse()
        #expect(abs(try Calculator(potential: v).evaluate(permuted, .energy).energy - e0) < 1e-12 * abs(e0))
        let p = VashishtaSilica.displaced(try VashishtaSilica.cristobalite(cells: SIMD3(1, 1, 1)), amplitude: 0.1, seed: 5)
        let ep = try Calculator(potential: v).evaluate(p, .energy).energy
        var shifted = p
        shifted.positions = p.positions.map { $0 + SIMD3(13.7, -5.2, 0.9) }
        #expect(abs(try Calculator(potential: v).evaluate(shifted, .energy).energy - ep) < 1e-11 * abs(ep))
    }

    @Test func aCellAndItsReplicaHaveTheSameEnergyPerAtom() throws {
        let v = try VashishtaSilica.potential()
        let small = try Calculator(potential: v).evaluate(try VashishtaSilica.cristobalite(cells: SIMD3(1, 1, 1)), [.energy, .virial])
        let large = try Calculator(potential: v).evaluate(try VashishtaSilica.cristobalite(cells: SIMD3(2, 2, 2)), [.energy, .virial])
        #expect(abs(small.energy / 24 - large.energy / 192) < 1e-11)
        #expect(abs(small.virial.trace / 24 - large.virial.trace / 192) < 1e-10)
    }

    @Test func threadsGiveTheSameResults() throws {
        let c = VashishtaSilica.displaced(try VashishtaSilica.cristobalite(cells: SIMD3(2, 2, 1)), amplitude: 0.1, seed: 6)
        let v = try VashishtaSilica.potential()
        let all: Properties = [.energy, .forces, .virial, .perAtomEnergies]
        let one = try Calculator(potential: v, threads: 1).evaluate(c, all)
        let two = try Calculator(potential: v, threads: 2).evaluate(c, all)
        #expect(abs(one.energy - two.energy) < 1e-10 * abs(one.energy))
        #expect(FiniteDifferences.relativeError(two.forces, one.forces) < 1e-12)
        #expect((one.virial - two.virial).maxMagnitude < 1e-10 * one.virial.maxMagnitude)
        #expect(zip(one.perAtomEnergies, two.perAtomEnergies).allSatisfy { abs($0 - $1) < 1e-11 })
    }

    @Test func structuresWithElementsOutsideTheFileAreRejected() throws {
        let c = try Configuration(symbols: ["Si", "C"], positions: [.zero, SIMD3(2, 0, 0)])
        #expect(throws: PotentialError.self) { try Calculator(potential: try VashishtaSilica.potential()).evaluate(c) }
    }

    @Test(arguments: [
        ("Si Si Si 1 2 3", 1, "17 fields"),
        ("Si Si Si 0.82023 11 1.6 1.6 999 0.0 4.43 0.0 10.0 0.0 0.0 0.0 0.0 0.0\nO O O 1 7 -0.8 -0.8 999 22 4.43 0 10 0 0 0 0 0", nil, "missing the entry for the element triplet Si Si O"),
        ("X X X 5.0 9 1.0 1.0 3.0 2.0 2.5\n 1.5 4.0 abc 1.2 2.6 0.5 -0.3333", 2, "B must be a finite number, found 'abc'"),
        ("X X X 5.0 9 1.0 1.0 3.0 2.0 2.5 1.5 4.0 3.0 1.2 -2.6 0.5 -0.3333", 1, "r0 must not be negative"),
        ("X X X 5.0 9 1.0 1.0 3.0 2.0 2.5 1.5 4.0 3.0 1.2 2.6 0.5 -0.3333\n# again\nX X X 5.0 9 1.0 1.0 3.0 2.0 2.5 1.5 4.0 3.0 1.2 2.6 0.5 -0.3333", 3, "duplicate entry"),
    ] as [(String, Int?, String)])
    func badFilesAreRejectedWithFileLineAndReason(text: String, line: Int?, reason: String) throws {
        do {
            _ = try Vashishta(text: text, file: "bad.vashishta")
            Issue.record("accepted a bad file")
        } catch {
            #expect(error.file == "bad.vashishta")
            #expect(error.line == line)
            #expect(error.reason.contains(reason), "\(error.reason)")
        }
    }

    @Test func aMissingFileIsReported() throws {
        let url = URL(fileURLWithPath: "/nonexistent/SiO.vashishta")
        #expect(throws: ParameterFileError(file: url.path, line: nil, "no such file")) { try Vashishta(contentsOf: url) }
    }
}
