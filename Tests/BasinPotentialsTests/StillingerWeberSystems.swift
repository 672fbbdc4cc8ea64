import BasinAtoms
import BasinMath
import BasinPotentials

/// Stillinger–Weber parameter files and structures shared by the Stillinger–Weber tests.
enum StillingerWeberSystems {
    /// Silicon, Phys. Rev. B 31, 5262 (1985), as a LAMMPS `.sw` file.
    static let silicon = """
        # element1 element2 element3 epsilon sigma a lambda gamma costheta0 A B p q tol
        Si Si Si 2.1683 2.0951 1.80 21.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0
        """

    /// A made-up but valid Si–Ge file: every ordered triplet has a line, the two-body entries
    /// (Si Ge Ge) and (Ge Si Si) agree, the three-body λ, γ and cos θ₀ depend on the centre.
    static let siliconGermanium = """
        Si Si Si 2.1683 2.0951 1.80 21.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0
        Ge Ge Ge 1.93   2.181  1.80 31.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0
        Si Ge Ge 2.0457 2.1380 1.80 25.0 1.25 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0
        Ge Si Si 2.0457 2.1380 1.80 27.0 1.15 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0
        Si Si Ge 2.0900 2.1380 1.80 23.0 1.20 -0.30 7.049556277 0.6022245584 4.0 0.0 0.0
        Si Ge Si 2.0900 2.1380 1.80 23.0 1.20 -0.30 7.049556277 0.6022245584 4.0 0.0 0.0
        Ge Si Ge 2.0000 2.1380 1.80 29.0 1.20 -0.35 7.049556277 0.6022245584 4.0 0.0 0.0
        Ge Ge Si 2.0000 2.1380 1.80 29.0 1.20 -0.35 7.049556277 0.6022245584 4.0 0.0 0.0
        """

    static func siliconPotential() throws -> StillingerWeber { try StillingerWeber(text: silicon, file: "Si.sw") }

    /// Diamond silicon, `cells` conventional cells of edge `a` (Å).
    static func diamond(cells: Int, a: Double = 5.431) throws -> Configuration {
        try Lattice.diamond.build(element: Element(symbol: "Si"), latticeConstant: a, cells: SIMD3(cells, cells, cells))
    }

    /// `c` with seeded Gaussian displacements of standard deviation `amplitude` (Å).
    static func displaced(_ c: Configuration, amplitude: Double, seed: UInt64) -> Configuration {
        var g = SeededGenerator(seed: seed)
        var out = c
        for i in 0..<c.count { out.positions[i] += amplitude * g.normal3() }
        return out
    }

    /// A 20-atom Si cluster cut from a displaced crystal (open boundaries).
    static func cluster() throws -> Configuration {
        let crystal = displaced(try diamond(cells: 2), amplitude: 0.1, seed: 5)
        let centre = SIMD3<Double>(repeating: 5.431)
        let inside = crystal.positions.filter { length($0 - centre) < 4.8 }
        return try Configuration(symbols: Array(repeating: "Si", count: inside.count), positions: inside)
    }

    /// Diamond with about 40 % of the atoms turned to Ge, displaced.
    static func siliconGermaniumAlloy() throws -> Configuration {
        var c = displaced(try diamond(cells: 2, a: 5.53), amplitude: 0.08, seed: 9)
        c.elements = [try Element(symbol: "Si"), try Element(symbol: "Ge")]
        var g = SeededGenerator(seed: 10)
        c.species = (0..<c.count).map { _ in g.uniform() < 0.4 ? 1 : 0 }
        c.masses = c.species.map { c.elements[$0].mass }
        return c
    }
}
