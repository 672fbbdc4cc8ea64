import Foundation
import BasinAtoms
import BasinNNP
import BasinPotentials
import BasinTestSupport
import Testing

@Suite struct ModelBaselineTests {
    static let coulomb = try! DampedShiftedCoulomb(charges: ["H": 0.41, "O": -0.82], alpha: 0.1, cutoff: 6)
    static let core = try! ScreenedNuclearRepulsion(elements: ["H", "O"], inner: 0.5, outer: 0.9)

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
