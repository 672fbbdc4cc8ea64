import ArgumentParser
import BasinInterop
import BasinPotentials
import Foundation

/// `basin ipi`: any Basin potential as a force engine for i-PI and ASE's `SocketIOCalculator`.
struct IPI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ipi",
        abstract: "Serve energies and forces to an i-PI or ASE socket server.",
        discussion: """
            Connects as an i-PI client to --address and answers the server's positions with the \
            potential's energy, forces and virial, in the protocol's atomic units (Bohr, Hartree), \
            until the server sends EXIT or closes the connection. The structure gives the atoms' \
            species and masses, in the order the server sends them; the server's positions and \
            cell replace its own (a cell of zeros means open boundaries). The neighbor list is \
            kept from call to call. Example, with ASE's SocketIOCalculator(unixsocket='basin') \
            listening: basin ipi water.xyz --address unix:basin --potential nnp --model H2O \
            --cflength 1.8897261328 --cfenergy 0.0367493254
            """)

    @OptionGroup var structure: StructureOptions
    @OptionGroup var potential: PotentialOptions

    @Option(help: "unix:NAME (the socket /tmp/ipi_NAME, or NAME when it is a path) or HOST:PORT.")
    var address: String

    @Flag(help: "Report each evaluation's compute time (ms) on standard error.")
    var timing = false

    func run() throws {
        let frames = try structure.frames(units: potential.unitSystem)
        guard let template = frames.first?.configuration else { throw CommandError("the structure file holds no frame") }
        let calculator = try potential.makeCalculator()
        do {
            let connection = try SocketConnection(address: address)
            let client = try IPIClient(connection: connection, calculator: calculator, template: template)
            if timing {
                client.onEvaluation = { number, seconds in
                    Output.note("ipi: evaluation \(number): compute \(String(format: "%.3f", 1e3 * seconds)) ms")
                }
            }
            Output.note("ipi: connected to \(address), \(template.count) atoms")
            try client.run()
            Output.note("ipi: \(client.evaluations) evaluations; the server ended the run")
        } catch let error as InteropError {
            throw CommandError(error.description)
        } catch let error as PotentialError {
            throw CommandError(error.description)
        }
    }
}
