import BasinAtoms
import BasinMath
import BasinPotentials
import Foundation
import Testing

/// Agreement with LAMMPS `pair_style sw` on the configurations of
/// Fixtures/StillingerWeber/make_fixtures.py.
@Suite struct StillingerWeberLAMMPSTests {
    /// One fixture: a structure and what LAMMPS computed for it.
    struct Reference {
        var configuration: Configuration
        var volume = 0.0
        var energy = 0.0
        /// Virial part of the pressure tensor (bar): xx, yy, zz, xy, xz, yz.
        var pressure: [Double] = []
        var forces: [SIMD3<Double>] = []
        var energies: [Double] = []

        init(named name: String) throws {
            let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures/StillingerWeber"))
            var cell = Cell.open
            var symbols: [String] = [], positions: [SIMD3<Double>] = []
            for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                let numbers = words.dropFirst().compactMap(Double.init)
                switch words[0] {
                case "cell": cell.vectors = Matrix3(rows: SIMD3(numbers[0...2]), SIMD3(numbers[3...5]), SIMD3(numbers[6...8]))
                case "pbc": cell.periodic = words.dropFirst().map { $0 == "T" }
                case "volume": volume = numbers[0]
                case "energy": energy = numbers[0]
                case "pressure": pressure = numbers
                case "atoms": break
                default:
                    symbols.append(words[0])
                    positions.append(SIMD3(numbers[0...2]))
                    forces.append(SIMD3(numbers[3...5]))
                    energies.append(numbers[6])
                }
            }
            configuration = try Configuration(symbols: symbols, positions: positions, cell: cell)
        }
    }

    /// LAMMPS metal `nktv2p`: eV/Å³ to bar.
    static let barPerElectronVoltPerCubicAngstrom = 1.6021765e6

    @Test(arguments: ["perfect", "thermal", "liquid", "single_cell", "slab", "silicon_germanium"])
    func agreesWithLAMMPS(name: String) throws {
        let reference = try Reference(named: name)
        let text = name == "silicon_germanium" ? StillingerWeberSystems.siliconGermanium : StillingerWeberSystems.silicon
        let sw = try StillingerWeber(text: text, file: "\(name).sw")
        let e = try Calculator(potential: sw).evaluate(reference.configuration, [.energy, .forces, .virial, .perAtomEnergies])
        #expect(abs(e.energy - reference.energy) <= 1e-9 * abs(reference.energy))
        for (mine, theirs) in zip(e.perAtomEnergies, reference.energies) {
            #expect(abs(mine - theirs) <= 1e-9 * abs(theirs))
        }
        for (mine, theirs) in zip(e.forces, reference.forces) {
            for k in 0..<3 {
                #expect(abs(mine[k] - theirs[k]) <= max(1e-9 * abs(theirs[k]), 1e-9), "\(name) force \(mine) vs \(theirs)")
            }
        }
        // Pressure (bar) to 1e-9 of the largest component, or 1e-6 bar near zero.
        let w = e.virial
        let mine = [w[0, 0], w[1, 1], w[2, 2], w[0, 1], w[0, 2], w[1, 2]].map { $0 / reference.volume * Self.barPerElectronVoltPerCubicAngstrom }
        let scale = max(reference.pressure.map(abs).max()!, 1e3)
        for (m, t) in zip(mine, reference.pressure) {
            #expect(abs(m - t) <= 1e-9 * scale, "\(name) pressure \(mine) vs \(reference.pressure)")
        }
    }
}
