import ArgumentParser
import BasinAtoms
import BasinPotentials

/// The potentials the command line can build.
enum PotentialKind: String, ExpressibleByArgument, CaseIterable {
    case lj, morse, sw, vashishta, nnp, committee

    /// The unit system a run uses unless --units says otherwise.
    var defaultUnits: UnitSystem { self == .lj ? .lennardJones : .metal }

    /// The names `--parameters` accepts as built-in sets, for messages ("built in: Si").
    var builtInSets: String {
        let sets: [PublishedParameters.Entry]
        switch self {
        case .sw: sets = PublishedParameters.stillingerWeber
        case .vashishta: sets = PublishedParameters.vashishta
        case .lj, .morse, .nnp, .committee: sets = []
        }
        return "built in: " + (sets.isEmpty ? "none" : sets.map(\.name).joined(separator: ", "))
    }
}

/// Options that choose and parameterise the interatomic potential, shared by every command
/// that evaluates energies.
struct PotentialOptions: ParsableArguments {
    @Option(help: """
        Interatomic potential: lj (Lennard-Jones), morse, sw (Stillinger–Weber: a LAMMPS .sw file or the built-in Si), \
        vashishta (a LAMMPS .vashishta file or the built-in SiO2), nnp (neural-network potential, an n2p2 model folder given by --model) \
        or committee (the mean of several n2p2 models sharing their symmetry functions, with their spread: --model DIR1,DIR2,… or a folder of member folders).
        """)
    var potential: PotentialKind = .lj

    @Option(help: """
        Parameters of sw and vashishta (required): a LAMMPS .sw or .vashishta file, or a built-in \
        published set (sw: Si, Stillinger–Weber 1985; vashishta: SiO2, Vashishta et al. 1990); \
        a file of that name wins. For morse, a file of lines 'El1 El2 D0 alpha r0 cutoff' \
        (instead of --d0, --alpha, --r0, --cutoff).
        """)
    var parameters: String?

    @Option(help: ArgumentHelp(
        "n2p2 model folder for --potential nnp: input.nn, scaling.data and weights.XXX.data.",
        discussion: "For --potential committee: the member folders separated by commas, or one folder whose subfolders (member-1, member-2, …) are the members."))
    var model: String?

    @Option(help: ArgumentHelp(
        "Model length per structure length for nnp (as LAMMPS pair_style hdnnp cflength; default 1).",
        discussion: "A Bohr model driven in Å (metal units) takes 1.8897261328."))
    var cflength: Double?

    @Option(help: ArgumentHelp(
        "Model energy per structure energy for nnp (as LAMMPS pair_style hdnnp cfenergy; default 1).",
        discussion: "A Hartree model driven in eV (metal units) takes 0.0367493254."))
    var cfenergy: Double?

    @Option(help: "Unit system: lj (reduced σ = ε = m = 1) or metal (eV, Å, ps, amu, K); default lj for lj, metal otherwise.")
    var units: String?

    @Option(help: "Lennard-Jones well depth ε (energy units; default 1).")
    var epsilon: Double?

    @Option(help: "Lennard-Jones length σ (length units; default 1).")
    var sigma: Double?

    @Option(help: "Morse well depth D₀ (energy units), one species.")
    var d0: Double?

    @Option(help: "Morse width α (1 / length units), one species.")
    var alpha: Double?

    @Option(help: "Morse equilibrium distance r₀ (length units), one species.")
    var r0: Double?

    @Option(help: "Cutoff radius (length units; lj: default 2.5, or 'none' to let every pair of a cluster interact; morse: required with --d0).")
    var cutoff: String?

    @Flag(help: "Shift the pair energy to zero at the cutoff (lj, morse; as LAMMPS 'pair_modify shift yes').")
    var shift = false

    @Option(help: ArgumentHelp(
        "Tabulate the two-body term of vashishta at this many points, as LAMMPS 'pair_style vashishta/table N inner'.",
        discussion: "Points evenly spaced in r² from --table-inner to the cutoff, interpolated linearly: faster, within the interpolation error of the analytic form."))
    var table: Int?

    @Option(help: "Inner cutoff of --table (Å; default 0.2): closer pairs take the analytic form.")
    var tableInner: Double?

    @Option(help: "Verlet skin added to the cutoff for neighbor lists (default 0.3 σ in lj units, 2 Å in metal).")
    var skin: Double?

    @Option(help: "Threads for neighbor search and force loops.")
    var threads: Int = 1

    func validate() throws {
        if let units, UnitSystem.named(units) == nil { throw ValidationError("--units must be 'lj' or 'metal', got '\(units)'") }
        guard threads >= 1, threads <= 1024 else { throw ValidationError("--threads must lie in 1…1024, got \(threads)") }
        if let skin, !(skin >= 0) { throw ValidationError("--skin must be non-negative") }
        for (name, value) in [("--epsilon", epsilon), ("--sigma", sigma), ("--d0", d0), ("--alpha", alpha), ("--r0", r0), ("--cflength", cflength), ("--cfenergy", cfenergy)] {
            if let value, !(value > 0 && value.isFinite) { throw ValidationError("\(name) must be a positive number, got \(value)") }
        }
        let given: [(String, Bool)] = [
            ("--parameters", parameters != nil), ("--epsilon", epsilon != nil), ("--sigma", sigma != nil),
            ("--d0", d0 != nil), ("--alpha", alpha != nil), ("--r0", r0 != nil), ("--cutoff", cutoff != nil), ("--shift", shift),
            ("--model", model != nil), ("--cflength", cflength != nil), ("--cfenergy", cfenergy != nil),
            ("--table", table != nil), ("--table-inner", tableInner != nil),
        ]
        let allowed: Set<String>
        switch potential {
        case .lj:
            allowed = ["--epsilon", "--sigma", "--cutoff", "--shift"]
        case .morse where parameters != nil:
            allowed = ["--parameters", "--shift"]
        case .morse:
            guard d0 != nil, alpha != nil, r0 != nil, cutoff != nil else {
                throw ValidationError("--potential morse needs --parameters FILE, or --d0, --alpha, --r0 and --cutoff")
            }
            allowed = ["--d0", "--alpha", "--r0", "--cutoff", "--shift"]
        case .sw, .vashishta:
            guard parameters != nil else { throw ValidationError("--potential \(potential.rawValue) needs --parameters FILE or a built-in set (\(potential.builtInSets))") }
            guard unitSystem == .metal else { throw ValidationError("--potential \(potential.rawValue) works in metal units") }
            allowed = potential == .vashishta ? ["--parameters", "--table", "--table-inner"] : ["--parameters"]
            if tableInner != nil, table == nil { throw ValidationError("--table-inner needs --table") }
        case .nnp, .committee:
            guard model != nil else { throw ValidationError("--potential \(potential.rawValue) needs --model DIR (an n2p2 model folder\(potential == .committee ? ", a comma-separated list of them, or a folder of member folders" : ""))") }
            allowed = ["--model", "--cflength", "--cfenergy"]
        }
        if let (name, _) = given.first(where: { $0.1 && !allowed.contains($0.0) }) {
            throw ValidationError("\(name) does not apply to --potential \(potential.rawValue)")
        }
        _ = try cutoffValue()
    }

    /// The unit system of the run: --units, or the potential's usual one.
    var unitSystem: UnitSystem { units.flatMap(UnitSystem.named) ?? potential.defaultUnits }

    /// The cutoff of lj or single-species morse, or nil for none.
    func cutoffValue() throws -> Double? {
        let text = cutoff ?? "2.5"
        if text.lowercased() == "none", potential == .lj { return nil }
        guard let value = Double(text), value > 0, value.isFinite else {
            throw ValidationError("--cutoff must be a positive number\(potential == .lj ? " or 'none'" : ""), got '\(text)'")
        }
        return value
    }
}
