import BasinAtoms

/// Builds a configuration's element table from per-atom symbols while a file is read.
///
/// The rules are those of `Configuration(symbols:positions:)`: a chemical symbol gives its
/// element; a label starting with "X" (e.g. "X", "X2") is a dummy species; in Lennard-Jones
/// units every label is accepted as a dummy species and every species has mass 1.
/// Species are numbered in order of first appearance.
struct SpeciesTable {
    let units: UnitSystem
    private(set) var elements: [Element] = []
    private var indexBySymbol: [String: Int] = [:]

    init(units: UnitSystem) { self.units = units }

    /// The species index of `symbol`, added on first use. `dummyMass` is the mass a new dummy
    /// species gets in non-reduced units (default 1).
    mutating func index(of symbol: String, dummyMass: Double? = nil) throws(AtomsError) -> Int {
        if let index = indexBySymbol[symbol] { return index }
        let element: Element
        if units == .lennardJones {
            element = ((try? Element(symbol: symbol)) ?? .dummy(symbol)).withMass(1)
        } else if let known = try? Element(symbol: symbol), !known.isDummy {
            element = known
        } else if symbol.first == "X" {
            element = .dummy(symbol, mass: dummyMass ?? 1)
        } else {
            throw .unknownElement(symbol)
        }
        indexBySymbol[symbol] = elements.count
        elements.append(element)
        return elements.count - 1
    }
}
