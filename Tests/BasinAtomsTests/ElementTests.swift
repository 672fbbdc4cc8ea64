import BasinAtoms
import Testing

@Suite struct ElementTests {
    @Test func knownElementsHaveStandardMasses() throws {
        let silicon = try Element(symbol: "Si")
        #expect(silicon.atomicNumber == 14)
        #expect(silicon.mass == 28.085)
        #expect(try Element(atomicNumber: 8).symbol == "O")
        #expect(try Element(symbol: "Og").atomicNumber == 118)
    }

    @Test func dummySpeciesHasUnitMass() throws {
        let x = try Element(symbol: "X")
        #expect(x.isDummy && x.mass == 1)
    }

    @Test func unknownSymbolsAreRejected() {
        #expect(throws: AtomsError.unknownElement("Xy")) { try Element(symbol: "Xy") }
        #expect(throws: AtomsError.unknownElement("SI")) { try Element(symbol: "SI") }
        #expect(throws: AtomsError.self) { try Element(atomicNumber: 119) }
    }
}
