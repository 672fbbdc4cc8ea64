import BasinNNP
import BasinPotentials
import Foundation

extension PotentialOptions {
    /// The potential the options describe. A bad parameter or model file throws its
    /// `ParameterFileError` or `ModelFileError`, which names the file, the line and the reason.
    /// For nnp and committee, an extrapolation monitor of the (first) model's scaling.data ranges
    /// goes with it, with `monitoring`'s limit and frame keeping.
    func makePotential(monitoring: ExtrapolationOptions? = nil) throws -> any Potential {
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
            if let builtIn = try builtInSet(StillingerWeber.published) { return builtIn }
            return try StillingerWeber(contentsOf: file!)
        case .vashishta:
            let vashishta = try builtInSet(Vashishta.published) ?? Vashishta(contentsOf: file!)
            guard let table else { return vashishta }
            return try vashishta.tabulated(Vashishta.Tabulation(points: table, inner: tableInner ?? 0.2))
        case .nnp:
            guard let model else { throw CommandError("--potential nnp needs --model DIR") }
            let nnp = try NNPModel(directory: URL(fileURLWithPath: model))
            if let baseline = nnp.baseline { Self.announce(baseline, model: model) }
            return try nnp.potential(
                units: unitSystem, lengthFactor: cflength ?? 1, energyFactor: cfenergy ?? 1, extrapolation: monitoring?.monitor(of: nnp))
        case .committee:
            guard let model else { throw CommandError("--potential committee needs --model DIR1,DIR2,… or a folder of member folders") }
            let folders = try CommitteeFolders.members(model)
            let members = try folders.map { try NNPModel(directory: $0) }
            if let k = members.firstIndex(where: { $0.baseline != nil }) {
                throw CommandError("\(folders[k].path)/\(ModelBaseline.fileName): committees of models with a baseline are not supported")
            }
            return try NNPCommittee(
                members: members, units: unitSystem, lengthFactor: cflength ?? 1, energyFactor: cfenergy ?? 1,
                extrapolation: monitoring?.monitor(of: members[0]))
        }
    }

    /// Says on standard error that the model's baseline is added to its networks.
    private static func announce(_ baseline: ModelBaseline, model: String) {
        let coulomb = baseline.coulomb
        let charges = coulomb.charges.keys.sorted().map { "\($0) \(coulomb.charges[$0]!)" }.joined(separator: ", ")
        var core = baseline.core.map { " and the ZBL repulsive core (\($0.switchingDescription))" } ?? ""
        if let steric = baseline.steric {
            core += " and the steric term H/r^η (" + steric.terms.keys.map(\.description).sorted().joined(separator: ", ") + ")"
        }
        if let tail = baseline.tail {
            core += " and the charge–dipole tail −D e^(−r/λ)/r⁴ beyond r_m (" + tail.terms.keys.map(\.description).sorted().joined(separator: ", ") + ")"
        }
        Output.note(
            "note: \(model)/\(ModelBaseline.fileName): adding the Coulomb baseline (coul/dsf α = \(coulomb.alpha) Å⁻¹, cutoff \(coulomb.cutoff) Å; charges \(charges))\(core) to the networks")
    }

    /// The built-in set `--parameters` names when no file of that name exists; nil when a
    /// file does. A name that is neither throws, listing the built-in sets.
    private func builtInSet<P>(_ published: (String) -> P?) throws -> P? {
        guard let parameters else {
            throw CommandError("--potential \(potential.rawValue) needs --parameters FILE or a built-in set (\(potential.builtInSets))")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: parameters, isDirectory: &isDirectory) { return nil }
        if let set = published(parameters) { return set }
        throw CommandError("\(parameters): no such file, and not a built-in parameter set (\(potential.builtInSets))")
    }

    /// A calculator serving the potential with the requested skin and threads.
    func makeCalculator(monitoring: ExtrapolationOptions? = nil) throws -> Calculator {
        Calculator(potential: try makePotential(monitoring: monitoring), skin: skin, threads: threads)
    }
}
