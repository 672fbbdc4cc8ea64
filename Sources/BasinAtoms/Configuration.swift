import BasinMath

/// A set of atoms in a cell: the value every potential, driver and file works on.
///
/// Per-atom arrays are indexed 0..<count. `species[i]` indexes `elements`, the configuration's
/// own table of distinct species, so potentials can precompute per-species-pair constants.
/// Positions are Cartesian and are not wrapped into the cell (dynamics keeps them unwrapped, so
/// displacements and diffusion are measured directly; neighbor lists wrap internally).
public struct Configuration: Sendable {
    public var positions: [SIMD3<Double>]
    public var species: [Int]
    public var elements: [Element]
    /// Per-atom masses (mass unit of `units`); by default the element masses.
    public var masses: [Double]
    /// Per-atom velocities (length / time units), when known.
    public var velocities: [SIMD3<Double>]?
    public var cell: Cell
    public var units: UnitSystem

    /// A configuration from positions and species indices into `elements`.
    public init(
        positions: [SIMD3<Double>], species: [Int], elements: [Element], cell: Cell = .open,
        units: UnitSystem = .metal, masses: [Double]? = nil, velocities: [SIMD3<Double>]? = nil
    ) {
        precondition(positions.count == species.count, "one species per position")
        precondition(species.allSatisfy { elements.indices.contains($0) }, "species index outside the element table")
        self.positions = positions
        self.species = species
        self.elements = elements
        self.masses = masses ?? species.map { elements[$0].mass }
        self.velocities = velocities
        self.cell = cell
        self.units = units
    }

    /// A configuration from chemical symbols (or dummy labels), one per atom. Distinct symbols
    /// become the element table in order of first appearance.
    public init(
        symbols: [String], positions: [SIMD3<Double>], cell: Cell = .open, units: UnitSystem = .metal
    ) throws(AtomsError) {
        guard symbols.count == positions.count else {
            throw .countMismatch("\(symbols.count) symbols for \(positions.count) positions")
        }
        var table: [Element] = []
        var indexOf: [String: Int] = [:]
        var species: [Int] = []
        species.reserveCapacity(symbols.count)
        for symbol in symbols {
            if let index = indexOf[symbol] {
                species.append(index)
                continue
            }
            let element: Element
            if let known = try? Element(symbol: symbol) {
                element = known
            } else if symbol.first == "X" || units == .lennardJones {
                element = .dummy(symbol)
            } else {
                throw .unknownElement(symbol)
            }
            indexOf[symbol] = table.count
            species.append(table.count)
            table.append(units == .lennardJones ? element.withMass(1) : element)
        }
        self.init(positions: positions, species: species, elements: table, cell: cell, units: units)
    }

    /// Number of atoms.
    public var count: Int { positions.count }

    /// Chemical symbol of each atom.
    public var symbols: [String] { species.map { elements[$0].symbol } }

    /// Checks what a user can get wrong: array lengths, non-finite numbers, a cell that cannot be
    /// periodic, and atoms closer than `minimumDistance` (an O(N) check with a cell list).
    public func validate(minimumDistance: Double = 1e-3) throws(AtomsError) {
        guard masses.count == count else { throw .countMismatch("\(masses.count) masses for \(count) atoms") }
        if let velocities, velocities.count != count {
            throw .countMismatch("\(velocities.count) velocities for \(count) atoms")
        }
        for (i, r) in positions.enumerated() where !(r.x.isFinite && r.y.isFinite && r.z.isFinite) {
            throw .nonFinite(what: "the position", atom: i)
        }
        for (i, v) in (velocities ?? []).enumerated() where !(v.x.isFinite && v.y.isFinite && v.z.isFinite) {
            throw .nonFinite(what: "the velocity", atom: i)
        }
        for (i, m) in masses.enumerated() where !(m.isFinite && m > 0) {
            throw .nonFinite(what: "the mass (must be positive)", atom: i)
        }
        try cell.validate()
        if let (i, j, d) = try closestPair(below: minimumDistance) {
            throw .overlappingAtoms(i, j, distance: d)
        }
    }

    /// The first pair of atoms (with periodic images) closer than `distance`, if any.
    public func closestPair(below distance: Double) throws(AtomsError) -> (Int, Int, Double)? {
        guard count > 1, distance > 0 else { return nil }
        let list = NeighborList(cutoff: distance, skin: 0, kind: .half)
        try list.build(for: self)
        var found: (Int, Int, Double)?
        list.forEachPair { i, j, d in
            if found == nil { found = (min(i, j), max(i, j), d.squareRoot()) }
        }
        return found
    }

    /// Total kinetic energy ½ Σ m v² in energy units (zero without velocities).
    public var kineticEnergy: Double {
        guard let velocities else { return 0 }
        var twice = 0.0
        for i in 0..<count { twice += masses[i] * dot(velocities[i], velocities[i]) }
        return 0.5 * twice * units.massVelocitySquaredToEnergy
    }
}
