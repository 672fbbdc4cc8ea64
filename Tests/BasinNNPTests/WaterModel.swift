import BasinAtoms
import BasinIO
import BasinNNP
import Foundation

/// n2p2's H2O RPBE-D3 model and LAMMPS's 1080-atom water box, from Debian's lammps-examples
/// (third-party files, never committed): taken from the installed package or downloaded by
/// scripts/fetch-water-model.sh into `.fixtures/h2o-rpbe-d3` at the top of the repository.
enum WaterModel {
    /// 1 Å in Bohr, the `cflength` of LAMMPS's in.hdnnp.
    static let bohrPerAngstrom = 1.8897261328
    /// 1 eV in Hartree, the `cfenergy` of LAMMPS's in.hdnnp.
    static let hartreePerElectronVolt = 0.0367493254

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder with input.nn, scaling.data, weights.001.data, weights.008.data and
    /// data.H2O-360mol, fetched once per test run.
    static let directory: Result<URL, FetchError> = {
        let folder = repository.appendingPathComponent(".fixtures/h2o-rpbe-d3")
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("data.H2O-360mol").path) { return .success(folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [repository.appendingPathComponent("scripts/fetch-water-model.sh").path, folder.path]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            return .failure(FetchError(reason: "cannot run scripts/fetch-water-model.sh: \(error)"))
        }
        guard process.terminationStatus == 0 else {
            return .failure(FetchError(reason: "scripts/fetch-water-model.sh failed (exit \(process.terminationStatus))"))
        }
        return .success(folder)
    }()

    struct FetchError: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }

    static func model() throws -> NNPModel { try NNPModel(directory: directory.get()) }

    /// The water box in metal units (Å), types 1 = H and 2 = O as in in.hdnnp.
    static func configuration() throws -> Configuration {
        try LAMMPSData.read(from: directory.get().appendingPathComponent("data.H2O-360mol"), units: .metal, typeSymbols: ["H", "O"])
    }

    /// n2p2's predicted forces (Ha/Bohr) for the same structure, from its test suite.
    static func referenceForces() throws -> [SIMD3<Double>] {
        let url = Bundle.module.url(forResource: "Fixtures/H2O_RPBE-D3/n2p2-forces", withExtension: "txt")!
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let v = line.split(separator: " ").compactMap { Double($0) }
            return v.count == 3 ? SIMD3(v[0], v[1], v[2]) : nil
        }
    }

    /// n2p2's predicted total energy (Ha) of the structure, test/cpp/ExamplePrediction.h.
    static let referenceEnergy = -2.7564547347815904E+04
}
