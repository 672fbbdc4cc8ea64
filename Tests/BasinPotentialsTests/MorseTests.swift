import Foundation
import BasinAtoms
import BasinMath
import BasinPotentials
import BasinTestSupport
import Testing

@Suite struct MorseTests {
    /// Cu–Cu from L. A. Girifalco and V. G. Weizer, Phys. Rev. 114, 687 (1959); the Ni–Ni and
    /// Cu–Ni lines are illustrative values for a two-element test.
    static let copperNickel = """
        # El1 El2 D0(eV) alpha(1/A) r0(A) cutoff(A)
        Cu Cu 0.3429 1.3588 2.866 6.0
        Ni Ni 0.4205 1.4199 2.780 6.0   # Ni
        Cu Ni 0.38   1.39   2.82  5.5
        """

    static func copper(cells: Int = 2, seed: UInt64 = 1) throws -> Configuration {
        let fcc = try Lattice.fcc.build(element: try Element(symbol: "Cu"), latticeConstant: 3.615, cells: SIMD3(cells, cells, cells), units: .metal)
        return VashishtaSilica.displaced(fcc, amplitude: 0.08, seed: seed)
    }

    static func alloy(seed: UInt64 = 2) throws -> Configuration {
        var c = try copper(cells: 2, seed: seed)
        c.elements.append(try Element(symbol: "Ni"))
        for i in stride(from: 0, to: c.count, by: 3) { c.species[i] = 1 }
        c.masses = c.species.map { c.elements[$0].mass }
        return c
    }

    static func cluster() throws -> Configuration {
        var c = try copper(cells: 1, seed: 3)
        c.cell = .open
        return c
    }

    static func copperMorse(shift: Bool = false) throws -> Morse {
        try Morse(d0: 0.3429, alpha: 1.3588, r0: 2.866, cutoff: 6.0, shift: shift)
    }

    @Test func dimerAtTheMinimumHasEnergyMinusD0AndNoForce() throws {
        let morse = try Morse(d0: 0.7, alpha: 1.5, r0: 2.3, cutoff: 8)
        let c = try Configuration(symbols: ["Cu", "Cu"], positions: [.zero, SIMD3(2.3, 0, 0)])
        let e = try Calculator(potential: morse).evaluate(c)
        #expect(abs(e.energy + 0.7) < 1e-14)
        #expect(e.maximumForce < 1e-14)
    }

    @Test(arguments: ["periodic", "open", "two elements"])
    func forcesAreMinusTheEnergyGradient(system: String) throws {
        let (c, morse): (Configuration, Morse)
        switch system {
        case "periodic": (c, morse) = (try Self.copper(), try Self.copperMorse(shift: true))
        case "open": (c, morse) = (try Self.cluster(), try Self.copperMorse())
        default: (c, morse) = (try Self.alloy(), try Morse(text: Self.copperNickel, shift: true))
        }
        let calculator = Calculator(potential: morse)
        let analytic = try calculator.evaluate(c).forces
        #expect(FiniteDifferences.relativeError(analytic, try FiniteDifferences.forces(calculator, c)) < 1e-6)
    }

    @Test(arguments: ["open", "periodic"])
    func hessianMatchesFiniteDifferencesOfForces(system: String) throws {
        let c = system == "open" ? try Self.cluster() : try Self.copper(cells: 1, seed: 4)
        let calculator = Calculator(potential: try Self.copperMorse())
        let analytic = try #require(try calculator.evaluate(c, [.hessian]).hessian)
        let numeric = try FiniteDifferences.hessian(calculator, c)
        var worst = 0.0, scale = 0.0
        for (a, b) in zip(analytic.storage, numeric.storage) {
            worst = max(worst, abs(a - b))
            scale = max(scale, abs(b))
        }
        #expect(worst / scale < 1e-6)
    }

    @Test func virialIsTheStrainDerivativeOfTheEnergy() throws {
        let c = try Self.alloy(seed: 5)
        let calculator = Calculator(potential: try Morse(text: Self.copperNickel))
        let analytic = try calculator.evaluate(c, [.energy, .virial]).virial
        let numeric = try FiniteDifferences.virial(calculator, c)
        #expect((analytic - numeric).maxMagnitude < 1e-6 * numeric.maxMagnitude)
    }

    @Test func perAtomEnergiesSumToTheTotal() throws {
        let e = try Calculator(potential: try Morse(text: Self.copperNickel)).evaluate(try Self.alloy(), [.energy, .perAtomEnergies])
        #expect(abs(e.perAtomEnergies.reduce(0, +) - e.energy) < 1e-10 * abs(e.energy))
    }

    @Test func energyIsInvariantUnderTranslationRotationAndPermutation() throws {
        let c = try Self.cluster()
        let calculator = Calculator(potential: try Self.copperMorse())
        let e0 = try calculator.evaluate(c, .energy).energy
        var moved = c
        let rotation = Matrix3.rotation(axis: SIMD3(0.3, -1, 0.4), angle: 1.1)
        moved.positions = c.positions.map { rotation * $0 + SIMD3(3.1, -2, 7) }
        #expect(abs(try calculator.evaluate(moved, .energy).energy - e0) < 1e-12 * abs(e0))
        var permuted = c
        permuted.positions.reverse()
        #expect(abs(try calculator.evaluate(permuted, .energy).energy - e0) < 1e-12 * abs(e0))
    }

    @Test func shiftMakesTheEnergyVanishAtTheCutoff() throws {
        let c = try Configuration(symbols: ["Cu", "Cu"], positions: [.zero, SIMD3(6 - 1e-9, 0, 0)])
        #expect(abs(try Calculator(potential: try Self.copperMorse(shift: true)).evaluate(c, .energy).energy) < 1e-10)
        #expect(try Calculator(potential: try Self.copperMorse()).evaluate(c, .energy).energy < -1e-4)
    }

    @Test func threadsGiveTheSameResults() throws {
        let c = try Self.copper(cells: 3)
        let morse = try Self.copperMorse(shift: true)
        let all: Properties = [.energy, .forces, .virial, .perAtomEnergies]
        let one = try Calculator(potential: morse, threads: 1).evaluate(c, all)
        let two = try Calculator(potential: morse, threads: 2).evaluate(c, all)
        #expect(abs(one.energy - two.energy) < 1e-12 * abs(one.energy))
        #expect(FiniteDifferences.relativeError(two.forces, one.forces) < 1e-12)
        #expect((one.virial - two.virial).maxMagnitude < 1e-11 * one.virial.maxMagnitude)
    }

    @Test func reducedUnitsAreAllowed() throws {
        let morse = try Morse(d0: 1, alpha: 2, r0: 1.1, cutoff: 2.5, units: .lennardJones)
        let c = Configuration(positions: [.zero, SIMD3(1.1, 0, 0)], species: [0, 0], elements: [.dummy()], units: .lennardJones)
        #expect(abs(try Calculator(potential: morse).evaluate(c).energy + 1) < 1e-14)
    }

    @Test func elementsWithoutParametersAreRejected() throws {
        let c = try Configuration(symbols: ["Cu", "Ag"], positions: [.zero, SIMD3(2.5, 0, 0)])
        #expect(throws: PotentialError.self) { try Calculator(potential: try Morse(text: Self.copperNickel)).evaluate(c) }
        #expect(throws: PotentialError.self) { try Morse(d0: 1, alpha: -1, r0: 2, cutoff: 5) }
    }

    @Test(arguments: [
        ("Cu Cu 0.3 1.3 2.8", 1, "6 fields"),
        ("Cu Cu 0.3 1.3 2.8 6\nNi Ni 0.4 1.4 2.7 6", nil, "missing the entry for the element pair Cu–Ni"),
        ("Cu Cu 0.3 x 2.8 6", 1, "alpha must be a finite number, found 'x'"),
        ("# comment\nCu Cu 0.3 1.3 2.8 -6", 2, "cutoff must be positive"),
        ("Cu Cu 0.3 1.3 2.8 6\nCu Cu 0.3 1.3 2.8 6", 2, "duplicate entry"),
    ] as [(String, Int?, String)])
    func badFilesAreRejectedWithFileLineAndReason(text: String, line: Int?, reason: String) throws {
        do {
            _ = try Morse(text: text, file: "bad.morse")
            Issue.record("accepted a bad file")
        } catch {
            #expect(error.file == "bad.morse")
            #expect(error.line == line)
            #expect(error.reason.contains(reason), "\(error.reason)")
        }
    }
}
