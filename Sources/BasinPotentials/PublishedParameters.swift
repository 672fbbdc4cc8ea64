/// Parameter sets from the literature, built in so that a potential needs no file: the CLI's
/// `--parameters NAME` takes these names wherever it takes a LAMMPS parameter file.
public enum PublishedParameters {
    /// A built-in set: its name, the elements it covers and where it was published.
    public struct Entry: Sendable {
        public let name: String
        public let elements: [String]
        public let citation: String
    }

    /// The built-in Stillinger–Weber sets.
    public static let stillingerWeber = [
        Entry(name: "Si", elements: ["Si"],
              citation: "F. H. Stillinger and T. A. Weber, Phys. Rev. B 31, 5262 (1985); LAMMPS Si.sw"),
    ]

    /// The built-in Vashishta sets.
    public static let vashishta = [
        Entry(name: "SiO2", elements: ["Si", "O"],
              citation: "P. Vashishta, R. K. Kalia, J. P. Rino and I. Ebbsjö, Phys. Rev. B 41, 12197 (1990); LAMMPS SiO.1990.vashishta"),
    ]

    /// The Si–O entries of Vashishta et al. (1990) as the text of a `.vashishta` file, with the
    /// numbers LAMMPS distributes: H (eV·Å^η), η, Z_i, Z_j (|e|), λ1 (Å), D (eV·Å⁴), λ4 (Å), W (eV·Å⁶),
    /// rc (Å), B (eV), γ (Å), r0 (Å), C, cos θ₀.
    public static let silicaVashishta1990 = """
        Si Si Si 0.82023 11 1.6 1.6 999 0.0 4.43 0.0 10.0 0.0 0.0 0.0 0.0 0.0
        O  O  O  743.848 7 -0.8 -0.8 999 22.1179 4.43 0.0 10.0 0.0 0.0 0.0 0.0 0.0
        O  Si Si 163.859 9 -0.8 1.6 999 44.2357 4.43 0.0 10.0 20.146 1.0 2.60 0.0 -0.77714596
        Si O  O  163.859 9 1.6 -0.8 999 44.2357 4.43 0.0 10.0 5.0365 1.0 2.60 0.0 -0.333333333333
        Si O  Si 0 0 0 0 0 0 0 0 0 0 0 0 0 0
        Si Si O  0 0 0 0 0 0 0 0 0 0 0 0 0 0
        O  Si O  0 0 0 0 0 0 0 0 0 0 0 0 0 0
        O  O  Si 0 0 0 0 0 0 0 0 0 0 0 0 0 0
        """
}

extension StillingerWeber {
    /// The built-in set called `name` (case-insensitive; see `PublishedParameters.stillingerWeber`),
    /// or nil when there is none.
    public static func published(_ name: String) -> StillingerWeber? {
        switch name.lowercased() {
        case "si": return StillingerWeber(element: "Si", parameters: .silicon)
        default: return nil
        }
    }
}

extension Vashishta {
    /// The built-in set called `name` (case-insensitive; `SiO2` or LAMMPS's file name
    /// `SiO.1990.vashishta`), or nil when there is none.
    public static func published(_ name: String) -> Vashishta? {
        switch name.lowercased() {
        case "sio2", "sio.1990", "sio.1990.vashishta":
            // The text is a constant checked by the tests, so parsing cannot fail.
            return try! Vashishta(text: PublishedParameters.silicaVashishta1990, file: "SiO2 (built in)")
        default: return nil
        }
    }
}
