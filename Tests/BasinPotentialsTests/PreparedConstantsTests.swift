import BasinAtoms
import BasinPotentials
import Testing

/// Per-species constants are made once per element table and kept in the calculator's
/// workspace: a calculator that meets other elements, or the same elements in another order,
/// gives what a fresh one gives, and element checks still refuse what the potential lacks.
@Suite struct PreparedConstantsTests {
    /// The same silica atoms with O listed first in the element table.
    static func reordered(_ c: Configuration) throws -> Configuration {
        let order = c.positions.indices.sorted { c.elements[c.species[$0]].symbol == "O" && c.elements[c.species[$1]].symbol != "O" }
        return try Configuration(
            symbols: order.map { c.elements[c.species[$0]].symbol }, positions: order.map { c.positions[$0] }, cell: c.cell)
    }

    @Test func aCalculatorFollowsChangesOfTheElementTable() throws {
        let potential = try VashishtaSilica.potential()
        let silica = VashishtaSilica.displaced(try VashishtaSilica.cristobalite(cells: SIMD3(1, 1, 1)), amplitude: 0.05, seed: 4)
        let oxygenFirst = try Self.reordered(silica)
        let siliconOnly = try Configuration(
            symbols: silica.positions.indices.filter { silica.elements[silica.species[$0]].symbol == "Si" }.map { _ in "Si" },
            positions: silica.positions.indices.filter { silica.elements[silica.species[$0]].symbol == "Si" }.map { silica.positions[$0] },
            cell: silica.cell)
        #expect(oxygenFirst.elements.map(\.symbol) == ["O", "Si"] && silica.elements.map(\.symbol) == ["Si", "O"])
        let shared = Calculator(potential: potential)
        for configuration in [silica, oxygenFirst, siliconOnly, silica] {
            let reused = try shared.evaluate(configuration)
            let fresh = try Calculator(potential: potential).evaluate(configuration)
            #expect(reused.energy == fresh.energy && reused.forces == fresh.forces)
        }
    }

    @Test func checksStillRefuseElementsThePotentialLacks() throws {
        let calculator = Calculator(potential: try VashishtaSilica.potential())
        let silicon = try Configuration(symbols: ["Si", "Si"], positions: [.zero, SIMD3(2.3, 0, 0)])
        let carbon = try Configuration(symbols: ["Si", "C"], positions: [.zero, SIMD3(2.3, 0, 0)])
        _ = try calculator.evaluate(silicon)
        #expect(throws: PotentialError.self) { try calculator.evaluate(carbon) }
        _ = try calculator.evaluate(silicon)
        #expect(throws: PotentialError.self) { try calculator.evaluate(carbon) }
    }
}
