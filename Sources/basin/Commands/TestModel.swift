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
        /// Errors of the atomic energies E_i, when the data carry them.
        var atomicEnergyRMSE: Double?
        var atomicEnergyMAE: Double?
    }

    struct Report: Encodable {
        var structures: Int
        var atoms: Int
        var energyPerAtomRMSE: Double
        var energyPerAtomMAE: Double
        var forceRMSE: Double
        var forceMAE: Double
        /// Errors of the atomic energies E_i over the atoms whose data carry them.
        var atomicEnergyRMSE: Double?
        var atomicEnergyMAE: Double?
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
        let baseline = try nnp.baseline?.potential()
        do {
            // The networks of a model with a baseline are compared with reference − baseline,
            // which gives the errors of networks + baseline against the reference.
            var residuals = frames
            if let baseline { residuals = try BaselineResiduals.of(frames, baseline: baseline, file: data, threads: threads) }
            structures = try Dataset.structures(from: residuals, file: data, settings: nnp.settings)
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
        if let rmse = report.atomicEnergyRMSE, let mae = report.atomicEnergyMAE {
            print(String(format: "atomic energies  RMSE %.6g  MAE %.6g", rmse, mae))
        }
        for e in report.elements {
            print(String(format: "forces on %-3@    RMSE %.6g  MAE %.6g  (%ld atoms)", e.element, e.forceRMSE, e.forceMAE, e.atoms))
            if let rmse = e.atomicEnergyRMSE, let mae = e.atomicEnergyMAE {
                print(String(format: "E_i of %-3@       RMSE %.6g  MAE %.6g", e.element, rmse, mae))
            }
        }
    }

    /// The errors of `model` over `structures`, the force (and atomic energy) errors also per
    /// element.
    static func report(model: NNPModel, structures: [TrainingStructure], threads: Int) -> Report {
        let loss = Loss(model: model, structures: structures, threads: threads)
        let errors = loss.errors()
        let count = model.settings.elements.count
        var squares = [Double](repeating: 0, count: count), absolutes = squares, atoms = [Int](repeating: 0, count: count)
        var energySquares = squares, energyAbsolutes = squares, energyAtoms = atoms
        for (structure, prediction) in zip(structures, loss.predictions()) {
            if let reference = structure.atomEnergies {
                for (i, (p, r)) in zip(prediction.atomEnergies, reference).enumerated() {
                    let e = structure.elementIndex[i]
                    energySquares[e] += (p - r) * (p - r)
                    energyAbsolutes[e] += abs(p - r)
                    energyAtoms[e] += 1
                }
            }
            for (i, (p, r)) in zip(prediction.forces, structure.forces).enumerated() {
                let e = structure.elementIndex[i], d = p - r
                squares[e] += (d * d).sum()
                absolutes[e] += abs(d.x) + abs(d.y) + abs(d.z)
                atoms[e] += 1
            }
        }
        let perElement = model.settings.elements.indices.compactMap { e -> ElementErrors? in
            guard atoms[e] > 0 else { return nil }
            let n = Double(3 * atoms[e]), m = Double(energyAtoms[e])
            return ElementErrors(
                element: model.settings.elements[e].symbol, atoms: atoms[e], forceRMSE: (squares[e] / n).squareRoot(),
                forceMAE: absolutes[e] / n, atomicEnergyRMSE: m > 0 ? (energySquares[e] / m).squareRoot() : nil,
                atomicEnergyMAE: m > 0 ? energyAbsolutes[e] / m : nil)
        }
        let withAtomEnergies = errors.atomEnergyCount > 0
        return Report(
            structures: structures.count, atoms: atoms.reduce(0, +), energyPerAtomRMSE: errors.energyPerAtomRMSE,
            energyPerAtomMAE: errors.energyPerAtomMAE, forceRMSE: errors.forceRMSE, forceMAE: errors.forceMAE,
            atomicEnergyRMSE: withAtomEnergies ? errors.atomEnergyRMSE : nil,
            atomicEnergyMAE: withAtomEnergies ? errors.atomEnergyMAE : nil, elements: perElement)
    }
}
