/// A chemical element, or a dummy species for reduced-unit work.
///
/// Masses are in amu (g/mol), from the IUPAC 2016 standard atomic weights. A dummy species has
/// atomic number 0, a free label (`X` by default, as ASE uses) and a mass of 1 unless given.
public struct Element: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Chemical symbol ("Si") or dummy label ("X").
    public let symbol: String
    /// Atomic number Z; 0 for a dummy species.
    public let atomicNumber: Int
    /// Mass in amu, or in the mass unit of a reduced unit system.
    public let mass: Double

    /// The element with this atomic number (1…118).
    public init(atomicNumber: Int) throws(AtomsError) {
        guard (1...periodicTable.count).contains(atomicNumber) else {
            throw .unknownElement("Z=\(atomicNumber)")
        }
        let entry = periodicTable[atomicNumber - 1]
        self.init(symbol: entry.symbol, atomicNumber: atomicNumber, mass: entry.mass)
    }

    /// The element with this chemical symbol (case as written: "Si", not "SI"); "X" is the dummy
    /// species of mass 1.
    public init(symbol: String) throws(AtomsError) {
        if symbol == "X" {
            self = .dummy()
            return
        }
        guard let index = Element.indexBySymbol[symbol] else { throw .unknownElement(symbol) }
        try self.init(atomicNumber: index + 1)
    }

    private init(symbol: String, atomicNumber: Int, mass: Double) {
        self.symbol = symbol
        self.atomicNumber = atomicNumber
        self.mass = mass
    }

    /// A dummy species (atomic number 0), e.g. for Lennard-Jones reduced units.
    public static func dummy(_ label: String = "X", mass: Double = 1) -> Element {
        Element(symbol: label, atomicNumber: 0, mass: mass)
    }

    /// The same species with another mass (isotopes, or a reduced mass unit).
    public func withMass(_ mass: Double) -> Element {
        Element(symbol: symbol, atomicNumber: atomicNumber, mass: mass)
    }

    public var isDummy: Bool { atomicNumber == 0 }

    public var description: String { symbol }

    private static let indexBySymbol: [String: Int] = Dictionary(
        uniqueKeysWithValues: periodicTable.enumerated().map { ($0.element.symbol, $0.offset) })
}
