import Foundation
import BasinAtoms
import BasinMath
import BasinPotentials
import Testing

/// Agreement with LAMMPS `pair_style vashishta` on the configurations that
/// `Fixtures/Vashishta/make_fixtures.py` evaluated with `lmp`.
@Suite struct VashishtaLAMMPSTests {
    struct Fixture {
        var configuration: Configuration
        var volume: Double
        var energy: Double
        /// Virial part of the pressure tensor: xx, yy, zz, xy, xz, yz (bar).
        var pressure: [Double]
        var forces: [SIMD3<Double>]
        var perAtomEnergies: [Double]
    }

    /// Reads `Fixtures/<directory>/<name>.txt` in the layout `make_fixtures.py` documents.
    static func load(_ name: String, directory: String = "Vashishta") throws -> Fixture {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures/\(directory)"))
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        func numbers(_ words: [String]) -> [Double] { words.dropFirst().map { Double($0)! } }
        let cell = numbers(lines.removeFirst())
        let pbc = lines.removeFirst().dropFirst().map { $0 == "T" }
        let volume = numbers(lines.removeFirst())[0]
        let energy = numbers(lines.removeFirst())[0]
        let pressure = numbers(lines.removeFirst())
        lines.removeFirst()
        let vectors = Matrix3(rows: SIMD3(cell[0], cell[1], cell[2]), SIMD3(cell[3], cell[4], cell[5]), SIMD3(cell[6], cell[7], cell[8]))
        let values = lines.map(numbers)
        let configuration = try Configuration(
            symbols: lines.map { $0[0] }, positions: values.map { SIMD3($0[0], $0[1], $0[2]) }, cell: Cell(vectors: vectors, periodic: pbc))
        return Fixture(
            configuration: configuration, volume: volume, energy: energy, pressure: pressure,
            forces: values.map { SIMD3($0[3], $0[4], $0[5]) }, perAtomEnergies: values.map { $0[6] })
    }

    @Test(arguments: ["perfect", "thermal", "liquid", "single_cell", "slab"])
    func matchesLAMMPS(name: String) throws {
        try Self.expectAgreement(try Self.load(name), potential: try VashishtaSilica.potential())
    }

    /// Checks energy and pressure to relative `tolerance`, and every per-atom energy and force
    /// component to relative or absolute (eV, eV/Å) `tolerance`.
    static func expectAgreement(_ fixture: Fixture, potential: any Potential, tolerance: Double = 1e-9) throws {
        let c = fixture.configuration
        let e = try Calculator(potential: potential).evaluate(c, [.energy, .forces, .virial, .perAtomEnergies])
        #expect(abs(e.energy - fixture.energy) <= tolerance * abs(fixture.energy))
        for i in 0..<c.count {
            #expect(abs(e.perAtomEnergies[i] - fixture.perAtomEnergies[i]) <= max(tolerance * abs(fixture.perAtomEnergies[i]), tolerance), "atom \(i)")
            for k in 0..<3 {
                let reference = fixture.forces[i][k]
                #expect(abs(e.forces[i][k] - reference) <= max(tolerance * abs(reference), tolerance), "atom \(i) component \(k)")
            }
        }
        let w = e.virial
        let pressure = [w[0, 0], w[1, 1], w[2, 2], w[0, 1], w[0, 2], w[1, 2]].map { $0 / fixture.volume * UnitSystem.metal.energyDensityToPressure }
        let scale = fixture.pressure.map(abs).max()!
        for (p, reference) in zip(pressure, fixture.pressure) {
            #expect(abs(p - reference) <= tolerance * scale, "pressure \(p) vs LAMMPS \(reference)")
        }
    }
}
