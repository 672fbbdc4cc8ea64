import Foundation
import BasinAtoms
import BasinNNP
import BasinPotentials
import BasinTestSupport
import Testing

@Suite struct ModelBaselineTests {
    static let coulomb = try! DampedShiftedCoulomb(charges: ["H": 0.41, "O": -0.82], alpha: 0.1, cutoff: 6)
    static let core = try! ScreenedNuclearRepulsion(elements: ["H", "O"], inner: 0.5, outer: 0.9)

    static let pairCore = try! ScreenedNuclearRepulsion(elements: ["H", "O"], switching: [
        ElementPair("H", "H"): .init(inner: 0.6, outer: 0.8), ElementPair("H", "O"): .init(inner: 0.5, outer: 0.9),
        ElementPair("O", "O"): .init(inner: 1.1, outer: 1.4),
    ])

    /// A default `zbl` line for every pair, overridden per pair by `zbl A B INNER OUTER`; pair
    /// lines alone leave the other pairs without a core.
    @Test func pairLinesOverrideTheCommonCutoffs() throws {
        let text = "coul/dsf 0.1 6.0\ncharge H 0.41\ncharge O -0.82\nzbl 0.5 0.9\nzbl O O 1.1 1.4 # oxygen apart\nzbl H H 0.6 0.8\n"
        #expect(try ModelBaseline.parse(text, file: "b") == ModelBaseline(coulomb: Self.coulomb, core: Self.pairCore))
        let only = try ModelBaseline.parse("coul/dsf 0.1 6.0\ncharge H 0.41\ncharge O -0.82\nzbl O H 0.5 0.9\n", file: "b")
        #expect(only.core?.switching == [ElementPair("H", "O"): .init(inner: 0.5, outer: 0.9)])
    }

    /// `steric A B H ETA RC` lines: Vashishta's H/r^η per pair, written and read back exactly,
    /// and added to the model like the other parts.
    @Test func stericLinesRoundTripAndAdd() throws {
        let steric = try StericRepulsion(elements: ["H", "O"], terms: [
            ElementPair("O", "O"): .init(h: 743.848, eta: 7, cutoff: 6), ElementPair("H", "O"): .init(h: 1.5, eta: 9, cutoff: 4.5),
        ])
        let baseline = ModelBaseline(coulomb: Self.coulomb, core: Self.pairCore, steric: steric)
        #expect(baseline.text.contains("steric H O 1.5 9.0 4.5\nsteric O O 743.848 7.0 6.0\n"))
        #expect(try ModelBaseline.parse(baseline.text, file: "b") == baseline)
        let folder = try ScratchDirectory.make("model-steric")
        defer { try? FileManager.default.removeItem(at: folder) }
        var model = SyntheticModel.make()
        model.baseline = baseline
        try model.write(to: folder)
        #expect(try NNPModel(directory: folder) == model)
        let lammps = try String(contentsOf: folder.appendingPathComponent(ModelBaseline.stericFileName), encoding: .utf8)
        #expect(lammps == steric.vashishtaText && lammps.contains("O O H 743.848 7.0 0 0 1 0 1 0 6.0 0 0 0 0 0\n"))
        var c = SyntheticModel.structure(periodic: true)
        c.positions[1] = c.positions[0] + SIMD3(0.6, 0.2, 0)
        let total = try Calculator(potential: try baseline.potential()).evaluate(c)
        let potentials: [any Potential] = [Self.coulomb, Self.pairCore, steric]
        let parts = try potentials.map { try Calculator(potential: $0).evaluate(c).energy }
        #expect(parts[2] > 0.1)
        #expect(abs(total.energy - parts.reduce(0, +)) < 1e-10 * abs(total.energy))
    }

    /// `charge-dipole-tail A B D LAMBDA RM RC` lines, written and read back exactly, the LAMMPS
    /// table written next to baseline.data, and the tail added to the model like the other parts.
    @Test func tailLinesRoundTripAndAdd() throws {
        let tail = try ChargeDipoleTail(elements: ["H", "O"], terms: [ElementPair("H", "O"): .init(d: 44.2357, lambda: 4.43, inner: 2.5, cutoff: 5.5)])
        let baseline = ModelBaseline(coulomb: Self.coulomb, tail: tail)
        #expect(baseline.text.contains("charge-dipole-tail H O 44.2357 4.43 2.5 5.5\n"))
        #expect(try ModelBaseline.parse(baseline.text, file: "b") == baseline)
        let folder = try ScratchDirectory.make("model-tail")
        defer { try? FileManager.default.removeItem(at: folder) }
        var model = SyntheticModel.make()
        model.baseline = baseline
        try model.write(to: folder)
        #expect(try NNPModel(directory: folder) == model)
        let table = try String(contentsOf: folder.appendingPathComponent(ModelBaseline.tailFileName), encoding: .utf8)
        #expect(table == tail.lammpsTable && table.contains("\nH_O\nN 5000 R 0.0011 5.5\n"))
        let c = SyntheticModel.structure(periodic: true)
        let total = try Calculator(potential: try baseline.potential()).evaluate(c)
        let parts = try [Self.coulomb, tail as any Potential].map { try Calculator(potential: $0).evaluate(c).energy }
        #expect(abs(parts[1]) > 1e-3)
        #expect(abs(total.energy - parts.reduce(0, +)) < 1e-10 * abs(total.energy))
    }

    /// A model folder keeps its baseline in baseline.data; reading it back gives the same model,
    /// with or without the repulsive core, and a folder without the file has no baseline.
    @Test func baselineSurvivesWritingAndReading() throws {
        let folder = try ScratchDirectory.make("model-baseline")
        defer { try? FileManager.default.removeItem(at: folder) }
        var model = SyntheticModel.make()
        model.baseline = ModelBaseline(coulomb: Self.coulomb, core: Self.core)
        try model.write(to: folder)
        let text = try String(contentsOf: folder.appendingPathComponent(ModelBaseline.fileName), encoding: .utf8)
        #expect(text.contains("coul/dsf 0.1 6.0") && text.contains("zbl 0.5 0.9"))
        #expect(try NNPModel(directory: folder) == model)
        model.baseline = ModelBaseline(coulomb: Self.coulomb)
        try model.write(to: folder)
        #expect(try NNPModel(directory: folder) == model)
        // Each pair with its own cutoffs: one line per pair.
        model.baseline = ModelBaseline(coulomb: Self.coulomb, core: Self.pairCore)
        try model.write(to: folder)
        let pairText = try String(contentsOf: folder.appendingPathComponent(ModelBaseline.fileName), encoding: .utf8)
        #expect(pairText.contains("zbl H H 0.6 0.8\nzbl H O 0.5 0.9\nzbl O O 1.1 1.4\n"))
        #expect(try NNPModel(directory: folder) == model)
        try FileManager.default.removeItem(at: folder.appendingPathComponent(ModelBaseline.fileName))
        #expect(try NNPModel(directory: folder).baseline == nil)
    }

    /// The model's potential is networks + baseline: its energy and forces are those of the
    /// networks alone plus those of the Coulomb potential and of the repulsive core.
    @Test func potentialAddsTheBaselineToTheNetworks() throws {
        var model = SyntheticModel.make()
        var c = SyntheticModel.structure(periodic: true)
        c.positions[1] = c.positions[0] + SIMD3(0.6, 0.2, 0)
        let networks = try Calculator(potential: try model.potential(units: .metal)).evaluate(c)
        model.baseline = ModelBaseline(coulomb: Self.coulomb, core: Self.core)
        let potential = try model.potential(units: .metal)
        #expect(potential is PotentialWithBaseline)
        let total = try Calculator(potential: potential).evaluate(c)
        let coulomb = try Calculator(potential: Self.coulomb).evaluate(c)
        let core = try Calculator(potential: Self.core).evaluate(c)
        #expect(core.energy > 0.1)
        #expect(abs(total.energy - networks.energy - coulomb.energy - core.energy) < 1e-10)
        let expected = (0..<c.count).map { networks.forces[$0] + coulomb.forces[$0] + core.forces[$0] }
        #expect(FiniteDifferences.relativeError(total.forces, expected) < 1e-12)
        #expect(throws: PotentialError.self) { try model.potential(units: .metal, lengthFactor: 1.8897261328) }
    }

    @Test(arguments: [
        ("coul/dsf 0 10\ncharge H 0.4\ncharge H 0.5\n", 3, "a second charge for H"),
        ("coul/dsf 0 10\ncharges H 0.4\n", 2, "unknown keyword 'charges'"),
        ("coul/dsf 0 10\ncharge H\n", 2, "takes two values"),
        ("coul/dsf 0 ten\ncharge H 0.4\n", 1, "the cutoff 'ten' is not a finite number"),
        ("coul/dsf -1 10\ncharge H 0.4\n", 1, "damping"),
        ("coul/dsf 0 10\ncharge H 1e200\n", 1, "overflow"),
        ("coul/dsf 0 1e-300\ncharge H 0.4\n", 1, "overflow"),
        ("coul/dsf 0 10\ncharge H 0.4\nzbl 0.5 0.9\nzbl 0.5 0.9\n", 4, "a second zbl line"),
        ("coul/dsf 0 10\ncharge H 0.4\nzbl 0.5\n", 3, "takes two values"),
        ("coul/dsf 0 10\nzbl 0.5 nan\ncharge H 0.4\n", 2, "the outer cutoff 'nan' is not a finite number"),
        ("coul/dsf 0 10\nzbl 0.9 0.5\ncharge H 0.4\n", 2, "0 < inner < outer"),
        ("coul/dsf 0 10\ncharge Xx 0.4\nzbl 0.5 0.9\n", 3, "real elements"),
        ("coul/dsf 0 10\ncharge H 0.4\nzbl H H 0.5 0.9\nzbl H H 0.5 0.9\n", 4, "a second zbl line for H–H"),
        ("coul/dsf 0 10\ncharge H 0.4\nzbl H 0.5 0.9\n", 3, "takes two values (or two elements and two values)"),
        ("coul/dsf 0 10\ncharge H 0.4\nzbl H O 0.5 0.9\n", 3, "names an element without a charge line"),
        ("coul/dsf 0 10\ncharge H 0.4\nzbl 0.5 0.9\nzbl H H 0.9 0.5\n", 4, "0 < inner < outer"),
        ("coul/dsf 0 10\ncharge H 0.4\nzbl H H 0.5 x\n", 3, "the outer cutoff 'x' is not a finite number"),
        ("coul/dsf 0 10\ncharge H 0.4\nsteric H H 1 9\n", 3, "two elements and three values"),
        ("coul/dsf 0 10\ncharge H 0.4\nsteric H H 1 9 5\nsteric H H 1 9 5\n", 4, "a second steric line for H–H"),
        ("coul/dsf 0 10\ncharge H 0.4\nsteric H H -1 9 5\n", 3, "positive, finite H"),
        ("coul/dsf 0 10\ncharge H 0.4\nsteric H O 1 9 5\n", 3, "names an element outside"),
        ("coul/dsf 0 10\ncharge H 0.4\nsteric H H 1 inf 5\n", 3, "η 'inf' is not a finite number"),
        ("coul/dsf 0 10\ncharge H 0.4\ncharge-dipole-tail H H 1 4 5\n", 3, "two elements and four values"),
        ("coul/dsf 0 10\ncharge H 0.4\ncharge-dipole-tail H H 1 4 5 9\ncharge-dipole-tail H H 1 4 5 9\n", 4, "a second charge-dipole-tail line for H–H"),
        ("coul/dsf 0 10\ncharge H 0.4\ncharge-dipole-tail H H 1 4 9 5\n", 3, "r_m < r_c"),
        ("coul/dsf 0 10\ncharge H 0.4\ncharge-dipole-tail H O 1 4 5 9\n", 3, "names an element outside"),
        ("coul/dsf 0 10\ncharge H 0.4\ncharge-dipole-tail H H 1 x 5 9\n", 3, "λ 'x' is not a finite number"),
    ])
    func badFilesNameTheLine(text: String, line: Int, reason: String) throws {
        let error = try #require(throws: ModelFileError.self) { try ModelBaseline.parse(text, file: "m/baseline.data") }
        #expect(error.file == "m/baseline.data")
        #expect(error.line == line)
        #expect(error.reason.contains(reason), "\(error.reason)")
    }

    @Test func fileWithoutStyleLineIsRefused() throws {
        let error = try #require(throws: ModelFileError.self) { try ModelBaseline.parse("charge H 0.4\n", file: "b") }
        #expect(error.description == "b: no 'coul/dsf ALPHA CUTOFF' line")
        #expect(throws: ModelFileError.self) { try ModelBaseline.parse("zbl 0.5 0.9\n", file: "b") }
    }
}
