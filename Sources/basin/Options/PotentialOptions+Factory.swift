import BasinNNP
import BasinPotentials
import Foundation

extension PotentialOptions {
    /// The potential the options describe. A bad parameter or model file throws its
    /// `ParameterFileError` or `ModelFileError`, which names the file, the line and the reason.
    func makePotential() throws -> any Potential {
        let file = parameters.map { URL(fileURLWithPath: $0) }
        switch potential {
        case .lj:
            return try LennardJones(epsilon: epsilon ?? 1, sigma: sigma ?? 1, cutoff: cutoffValue(), shift: shift, units: unitSystem)
        case .morse:
            if let file { return try Morse(contentsOf: file, shift: shift, units: unitSystem) }
            guard let d0, let alpha, let r0, let cutoff = try cutoffValue() else {
                throw CommandError("--potential morse needs --parameters FILE, or --d0, --alpha, --r0 and --cutoff")
            }
            return try Morse(d0: d0, alpha: alpha, r0: r0, cutoff: cutoff, shift: shift, units: unitSystem)
        case .sw:
            guard let file else { throw CommandError("--potential sw needs --parameters FILE") }
            return try StillingerWeber(contentsOf: file)
        case .vashishta:
            guard let file else { throw CommandError("--potential vashishta needs --parameters FILE") }
            return try Vashishta(contentsOf: file)
        case .nnp:
            guard let model else { throw CommandError("--potential nnp needs --model DIR") }
            return NeuralNetworkPotential(
                model: try NNPModel(directory: URL(fileURLWithPath: model)), units: unitSystem,
                lengthFactor: cflength ?? 1, energyFactor: cfenergy ?? 1)
        }
    }

    /// A calculator serving the potential with the requested skin and threads.
    func makeCalculator() throws -> Calculator {
        Calculator(potential: try makePotential(), skin: skin, threads: threads)
    }
}
