import BasinAtoms
import BasinMath
import BasinPotentials
import Testing

/// Si–O Vashishta parameters and silica structures for the Vashishta tests.
enum VashishtaSilica {
    /// The Si–O parameters of P. Vashishta, R. K. Kalia, J. P. Rino and I. Ebbsjö,
    /// Phys. Rev. B 41, 12197 (1990): the built-in set, which the LAMMPS fixtures check.
    static func potential() throws -> Vashishta { try #require(Vashishta.published("SiO2")) }

    /// Ideal β-cristobalite (Fd-3m, 8 Si + 16 O per cubic cell of edge `a`), replicated.
    static func cristobalite(cells: SIMD3<Int>, a: Double = 7.16) throws -> Configuration {
        let fcc: [SIMD3<Double>] = [SIMD3(0, 0, 0), SIMD3(0, 0.5, 0.5), SIMD3(0.5, 0, 0.5), SIMD3(0.5, 0.5, 0)]
        let bonds: [SIMD3<Double>] = [SIMD3(1, 1, 1), SIMD3(1, -1, -1), SIMD3(-1, 1, -1), SIMD3(-1, -1, 1)].map { $0 / 4 }
        var basis: [(String, SIMD3<Double>)] = fcc.map { ("Si", $0) } + fcc.map { ("Si", $0 + 0.25) }
        for s in fcc { for b in bonds { basis.append(("O", s + b / 2)) } }
        var symbols: [String] = [], positions: [SIMD3<Double>] = []
        for i in 0..<cells.x {
            for j in 0..<cells.y {
                for k in 0..<cells.z {
                    for (symbol, s) in basis {
                        symbols.append(symbol)
                        positions.append(a * (s + SIMD3(Double(i), Double(j), Double(k))))
                    }
                }
            }
        }
        let lengths = a * SIMD3<Double>(Double(cells.x), Double(cells.y), Double(cells.z))
        return try Configuration(symbols: symbols, positions: positions, cell: .orthorhombic(lengths))
    }

    /// `c` with every atom displaced by a seeded Gaussian of standard deviation `amplitude`.
    static func displaced(_ c: Configuration, amplitude: Double, seed: UInt64) -> Configuration {
        var g = SeededGenerator(seed: seed)
        var out = c
        for i in 0..<c.count { out.positions[i] += amplitude * g.normal3() }
        return out
    }

    /// A silica cluster in open space: the atoms of one displaced cristobalite cell.
    static func cluster() throws -> Configuration {
        var c = displaced(try cristobalite(cells: SIMD3(1, 1, 1)), amplitude: 0.1, seed: 21)
        c.cell = .open
        return c
    }
}
