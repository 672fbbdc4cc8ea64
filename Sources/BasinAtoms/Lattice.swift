import BasinMath
import Foundation

/// Crystal lattices and the builder that replicates them into periodic configurations.
public enum Lattice: String, Sendable, CaseIterable, Codable {
    case sc, bcc, fcc, diamond, hcp

    /// Fractional coordinates of the atoms of the conventional (orthorhombic) unit cell.
    /// For hcp the cell is the orthohexagonal one: a × √3·a × c with c/a = √(8/3), 4 atoms.
    public var basis: [SIMD3<Double>] {
        switch self {
        case .sc: [SIMD3(0, 0, 0)]
        case .bcc: [SIMD3(0, 0, 0), SIMD3(0.5, 0.5, 0.5)]
        case .fcc: [SIMD3(0, 0, 0), SIMD3(0.5, 0.5, 0), SIMD3(0.5, 0, 0.5), SIMD3(0, 0.5, 0.5)]
        case .diamond:
            Lattice.fcc.basis + Lattice.fcc.basis.map { $0 + SIMD3(0.25, 0.25, 0.25) }
        case .hcp:
            [SIMD3(0, 0, 0), SIMD3(0.5, 0.5, 0), SIMD3(0.5, 5.0 / 6.0, 0.5), SIMD3(0, 1.0 / 3.0, 0.5)]
        }
    }

    /// Edge lengths of the conventional cell for lattice constant a.
    public func cellLengths(latticeConstant a: Double) -> SIMD3<Double> {
        switch self {
        case .hcp: SIMD3(a, 3.0.squareRoot() * a, (8.0 / 3.0).squareRoot() * a)
        default: SIMD3(a, a, a)
        }
    }

    /// The lattice constant that gives `density` atoms per unit volume.
    public func latticeConstant(density: Double) -> Double {
        let shape = cellLengths(latticeConstant: 1)
        let volumePerCell = Double(basis.count) / density
        return pow(volumePerCell / (shape.x * shape.y * shape.z), 1.0 / 3.0)
    }

    /// The lattice replicated `cells` times along x, y, z in a periodic orthorhombic box.
    ///
    /// Atoms are ordered cell by cell (z slowest), which keeps neighbors close in memory.
    public func build(
        element: Element, latticeConstant a: Double, cells: SIMD3<Int>, units: UnitSystem = .metal
    ) throws(AtomsError) -> Configuration {
        guard a.isFinite, a > 0 else { throw .cannotBuild("the lattice constant must be positive, got \(a)") }
        let count = try replicatedAtomCount(cells: cells, basis: basis.count)
        let edge = cellLengths(latticeConstant: a)
        var positions: [SIMD3<Double>] = []
        positions.reserveCapacity(count)
        for k in 0..<cells.z {
            for j in 0..<cells.y {
                for i in 0..<cells.x {
                    let origin = SIMD3(Double(i), Double(j), Double(k))
                    for b in basis { positions.append((origin + b) * edge) }
                }
            }
        }
        let box = edge * SIMD3(Double(cells.x), Double(cells.y), Double(cells.z))
        return Configuration(
            positions: positions, species: Array(repeating: 0, count: positions.count), elements: [element],
            cell: .orthorhombic(box), units: units)
    }
}

/// Most atoms a lattice or crystal builder makes (100 million positions take 2.4 GB).
let maximumBuiltAtoms = 100_000_000

/// The atoms of `cells` replicas of a `basis`-atom cell, checked (in Double, so that no cell
/// count can overflow Int) to be positive and at most `maximumBuiltAtoms`.
func replicatedAtomCount(cells: SIMD3<Int>, basis: Int) throws(AtomsError) -> Int {
    guard cells.x > 0, cells.y > 0, cells.z > 0 else { throw .cannotBuild("cell counts must be positive") }
    let count = Double(cells.x) * Double(cells.y) * Double(cells.z) * Double(basis)
    guard count <= Double(maximumBuiltAtoms) else {
        throw .cannotBuild(String(
            format: "%ld × %ld × %ld cells would make %.3g atoms; at most %ld", cells.x, cells.y, cells.z, count, maximumBuiltAtoms))
    }
    return Int(count)
}
