import ArgumentParser
import BasinIO
import BasinNNP
import BasinTraining
import Foundation

/// `basin test`: errors of a neural-network potential against reference energies and forces.
struct TestModel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Energy and force errors of an n2p2 model folder against reference data.",
        discussion: """
            Reads every frame of DATA (each needs a total energy and forces on every atom), \
            predicts them with the model and prints the RMSE and MAE of the energy per atom \
            and of the Cartesian force components, overall and per element. Everything is in \
            the model's units (those of the file: no conversion).
            """)

    @Option(help: "n2p2 model folder: input.nn, scaling.data and weights.XXX.data.")
    var model: String

    @Argument(help: "Reference structures with energies and forces (n2p2 input.data, extxyz, LAMMPS dump).")
    var data: String

    @Option(help: "File format when the file name does not tell: extxyz, lammps-data, lammps-dump, n2p2.")
    var format: StructureFile.Format?

    @Option(help: "Element symbols of the file's LAMMPS atom types 1, 2, … (comma-separated, e.g. Si,O).")
    var elements: String?

    @Option(help: "Concurrent parts of the evaluation.")
    var threads: Int = 1

    @Flag(help: "Print one JSON document instead of text.")
    var json = false

    struct ElementErrors: Encodable {
        var element: String
        var atoms: Int
        var forceRMSE: Double
        var forceMAE: Double
    }

    struct Report: Encodable {
        var structures: Int
        var atoms: Int
        var energyPerAtomRMSE: Double
        var energyPerAtomMAE: Double
        var forceRMSE: Double
        var forceMAE: Double
        var elements: [ElementErrors]
    }

    func run() throws {
        let nnp: NNPModel
        do {
            nnp = try NNPModel(directory: URL(fileURLWithPath: model))
        } catch {
            throw CommandError(error.description)
        }
        let url = URL(fileURLWithPath: data)
        let symbols = elements.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        let frames: [Frame]
        do {
            frames = try StructureFile.read(from: url, format: format, units: .metal, typeSymbols: symbols)
        } catch {
            throw CommandError(error.description)
        }
        guard !frames.isEmpty else { throw CommandError("\(data): the file holds no structure") }
        let structures: [TrainingStructure]
        do {
            structures = try Dataset.structures(from: frames, file: data, settings: nnp.settings)
        } catch {
            throw CommandError(error.description)
        }
        let report = Self.report(model: nnp, structures: structures, threads: threads)
        if json {
            try Output.json(report)
            return
        }
        print("# \(report.structures) structures, \(report.atoms) atoms (model units)")
        print(String(format: "energy per atom  RMSE %.6g  MAE %.6g", report.energyPerAtomRMSE, report.energyPerAtomMAE))
        print(String(format: "forces           RMSE %.6g  MAE %.6g", report.forceRMSE, report.forceMAE))
        for e in report.elements {
            print(String(format: "forces on %-3@    RMSE %.6g  MAE %.6g  (%d atoms)", e.element, e.forceRMSE, e.forceMAE, e.atoms))
        }
    }

    /// The errors of `model` over `structures`, the force errors also per element.
    static func report(model: NNPModel, structures: [TrainingStructure], threads: Int) -> Report {
        let loss = Loss(model: model, structures: structures, threads: threads)
        let errors = loss.errors()
        let count = model.settings.elements.count
        var squares = [Double](repeating: 0, count: count), absolutes = squares, atoms = [Int](repeating: 0, count: count)
        for (structure, prediction) in zip(structures, loss.predictions()) {
            for (i, (p, r)) in zip(prediction.forces, structure.forces).enumerated() {
                let e = structure.elementIndex[i], d = p - r
                squares[e] += (d * d).sum()
                absolutes[e] += abs(d.x) + abs(d.y) + abs(d.z)
                atoms[e] += 1
            }
        }
        let perElement = model.settings.elements.indices.compactMap { e -> ElementErrors? in
            guard atoms[e] > 0 else { return nil }
            let n = Double(3 * atoms[e])
            return ElementErrors(
                element: model.settings.elements[e].symbol, atoms: atoms[e], forceRMSE: (squares[e] / n).squareRoot(),
                forceMAE: absolutes[e] / n)
        }
        return Report(
            structures: structures.count, atoms: atoms.reduce(0, +), energyPerAtomRMSE: errors.energyPerAtomRMSE,
            energyPerAtomMAE: errors.energyPerAtomMAE, forceRMSE: errors.forceRMSE, forceMAE: errors.forceMAE,
            elements: perElement)
    }
}
