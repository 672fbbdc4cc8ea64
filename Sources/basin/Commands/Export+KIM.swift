import ArgumentParser
import BasinKIM
import BasinNNP
import Foundation

/// `basin export kim`: an n2p2 model folder as a KIM portable model for Basin's model driver.
struct ExportKIM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kim",
        abstract: "Write an n2p2 model as a KIM portable model (for LAMMPS's kim commands).",
        discussion: """
            Writes the --output folder with the model's files, basin-kim.params (the unit \
            conversion) and a CMakeLists.txt; `kim-api-collections-management install user DIR` \
            installs it once the driver \(KIMPortableModel.driverName) is installed \
            (scripts/install-kim-driver.sh). In LAMMPS: kim init NAME metal, then kim interactions H O. --cflength and --cfenergy \
            are LAMMPS pair_style hdnnp's: model length per Å and model energy per eV (n2p2's \
            H2O RPBE-D3 model in Bohr and Hartree: 1.8897261328 and 0.0367493254).
            """)

    @Argument(help: "The n2p2 model folder (input.nn, scaling.data, weights.NNN.data).")
    var model: String

    @Option(help: "The KIM model name (letters, digits and '_', starting with a letter).")
    var name: String

    @Option(help: "The folder to write (replaced as a whole).")
    var output: String

    @Option(help: "Model length per Å (default 1).")
    var cflength: Double = 1

    @Option(help: "Model energy per eV (default 1).")
    var cfenergy: Double = 1

    @Flag(help: "Print a JSON summary on standard output.")
    var json = false

    struct Summary: Encodable {
        let name: String, driver: String, output: String, cflength: Double, cfenergy: Double
    }

    func validate() throws {
        guard cflength > 0, cflength.isFinite, cfenergy > 0, cfenergy.isFinite else {
            throw ValidationError("--cflength and --cfenergy must be positive")
        }
    }

    func run() throws {
        let parameters = KIMParameters(lengthFactor: cflength, energyFactor: cfenergy)
        do {
            try KIMPortableModel.export(
                model: URL(fileURLWithPath: model), name: name, parameters: parameters, to: URL(fileURLWithPath: output))
        } catch {
            throw CommandError(error.description)
        }
        let summary = Summary(name: name, driver: KIMPortableModel.driverName, output: output, cflength: cflength, cfenergy: cfenergy)
        if json {
            try Output.json(summary)
        } else {
            print("wrote the KIM model \(name) (driver \(KIMPortableModel.driverName)) to \(output)")
            print("install it with: kim-api-collections-management install user \(output)")
        }
    }
}
