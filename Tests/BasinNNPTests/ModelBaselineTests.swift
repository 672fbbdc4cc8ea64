import Foundation
import BasinAtoms
import BasinNNP
import BasinPotentials
import BasinTestSupport
import Testing

@Suite struct ModelBaselineTests {
    static let coulomb = try! DampedShiftedCoulomb(charges: ["H": 0.41, "O": -0.82], alpha: 0.1, cutoff: 6)

    /// A model folder keeps its baseline in baseline.data; reading it back gives the same model,
    /// and a folder without the file has no baseline.
    @Test func baselineSurvivesWritingAndReading() throws {
        let folder = try ScratchDirectory.make("model-baseline")
        defer { try? FileManager.default.removeItem(at: folder) }
        var model = SyntheticModel.make()
        model.baseline = Self.coulomb
        try model.write(to: folder)
        let text = try String(contentsOf: folder.appendingPathComponent(ModelBaseline.fileName), encoding: .utf8)
        #expect(text.contains("coul/dsf 0.1 6.0"))
        #expect(try NNPModel(directory: folder) == model)
        try FileManager.default.removeItem(at: folder.appendingPathComponent(ModelBaseline.fileName))
        #expect(try NNPModel(directory: folder).baseline == nil)
    }

    /// The model's potential is networks + baseline: its energy and forces are those of the
    /// networks alone plus those of the Coulomb potential.
    @Test func potentialAddsTheBaselineToTheNetworks() throws {
        var model = SyntheticModel.make()
        let c = SyntheticModel.structure(periodic: true)
        let networks = try Calculator(potential: try model.potential(units: .metal)).evaluate(c)
        model.baseline = Self.coulomb
        let potential = try model.potential(units: .metal)
        #expect(potential is PotentialWithBaseline)
        let total = try Calculator(potential: potential).evaluate(c)
        let coulomb = try Calculator(potential: Self.coulomb).evaluate(c)
        #expect(abs(total.energy - networks.energy - coulomb.energy) < 1e-10)
        let expected = zip(networks.forces, coulomb.forces).map { $0 + $1 }
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
    }
}
