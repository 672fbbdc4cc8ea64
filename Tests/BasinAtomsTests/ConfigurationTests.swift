import BasinAtoms
import BasinMath
import Testing

@Suite struct ConfigurationTests {
    @Test func symbolsBuildTheElementTable() throws {
        let c = try Configuration(symbols: ["O", "H", "H"], positions: [.zero, SIMD3(1, 0, 0), SIMD3(0, 1, 0)])
        #expect(c.elements.map(\.symbol) == ["O", "H"])
        #expect(c.species == [0, 1, 1])
        #expect(c.masses == [15.999, 1.008, 1.008])
        #expect(throws: AtomsError.unknownElement("Qq")) {
            try Configuration(symbols: ["Qq"], positions: [.zero])
        }
    }

    @Test func validationCatchesNaNAndOverlaps() throws {
        var c = try Configuration(symbols: ["Ar", "Ar"], positions: [.zero, SIMD3(3, 0, 0)])
        #expect(throws: Never.self) { try c.validate() }
        c.positions[1] = SIMD3(.nan, 0, 0)
        #expect(throws: AtomsError.nonFinite(what: "the position", atom: 1)) { try c.validate() }
        c.positions[1] = .zero
        #expect(throws: AtomsError.self) { try c.validate() }
        // Overlap through a periodic image.
        c.cell = .orthorhombic(SIMD3(5, 5, 5))
        c.positions = [SIMD3(0.0001, 1, 1), SIMD3(4.9999, 1, 1)]
        let error = #expect(throws: AtomsError.self) { try c.validate() }
        guard case .overlappingAtoms(0, 1, let distance) = error else {
            Issue.record("expected an overlap, got \(String(describing: error))")
            return
        }
        #expect(abs(distance - 0.0002) < 1e-9)
    }

    @Test func kineticEnergyUsesTheUnitConversion() throws {
        var c = try Configuration(symbols: ["Ar"], positions: [.zero])
        c.velocities = [SIMD3(1, 0, 0)]
        #expect(abs(c.kineticEnergy - 0.5 * 39.95 * 1.0364269e-4) < 1e-6)
    }
}
