import BasinMath

/// Crystals of fixed composition, built from their measured structures (lengths in Å, metal
/// units), replicated into periodic configurations.
///
/// - `cristobalite`: β-cristobalite SiO₂ in the ideal cubic form (Fd-3m) R. W. G. Wyckoff
///   proposed in 1925: silicon on the diamond sites of a cube of edge a = 7.16 Å, oxygen midway
///   between bonded silicon atoms (Si–O = √3·a/8 ≈ 1.55 Å, Si–O–Si = 180°); 8 Si + 16 O per
///   cell, 2.17 g/cm³.
/// - `quartz`: α-quartz SiO₂ (P3₂21) at room conditions, from Levien, Prewitt & Weidner, Am.
///   Mineral. 65, 920 (1980): a = 4.913 Å, c = 5.405 Å, Si at (u, 0, 0) with u = 0.4697 and O
///   at (0.4135, 0.2669, 0.1191) in their setting; Si–O = 1.604 and 1.613 Å; 3 SiO₂ per
///   hexagonal cell, 2.65 g/cm³.
public enum Crystal: String, Sendable, CaseIterable, Codable {
    case cristobalite, quartz

    /// An atom of the unit cell: its species (an index into `elements`) and fractional position.
    public struct Site: Sendable, Equatable {
        public let species: Int
        public let position: SIMD3<Double>
    }

    /// The element table of the built configurations.
    public var elements: [Element] {
        // Both symbols are in the periodic table, so these cannot fail.
        [try! Element(symbol: "Si"), try! Element(symbol: "O")]
    }

    /// The measured lattice constant a (Å).
    public var latticeConstant: Double {
        switch self {
        case .cristobalite: 7.16
        case .quartz: 4.913
        }
    }

    /// Lattice vectors (rows, Å) of the unit cell for lattice constant a. Quartz keeps the
    /// measured c/a = 5.405 / 4.913; its cell is hexagonal, with b at 120° to a in the xy plane.
    public func cellVectors(latticeConstant a: Double) -> Matrix3 {
        switch self {
        case .cristobalite:
            return .diagonal(SIMD3(a, a, a))
        case .quartz:
            let c = a * 5.405 / 4.913
            return Matrix3(rows: SIMD3(a, 0, 0), SIMD3(-a / 2, 3.0.squareRoot() / 2 * a, 0), SIMD3(0, 0, c))
        }
    }

    /// The atoms of the unit cell, silicon first.
    public var sites: [Site] {
        switch self {
        case .cristobalite:
            let silicon = Lattice.diamond.basis
            // Each Si of the first fcc sublattice bonds to four of the second along ±(1,1,1)/4.
            let bonds = [SIMD3<Double>(1, 1, 1), SIMD3(1, -1, -1), SIMD3(-1, 1, -1), SIMD3(-1, -1, 1)]
            let oxygen = Lattice.fcc.basis.flatMap { f in bonds.map { wrapped(f + $0 / 8) } }
            return silicon.map { Site(species: 0, position: $0) } + oxygen.map { Site(species: 1, position: $0) }
        case .quartz:
            let silicon = Crystal.quartzOrbit(of: SIMD3(0.4697, 0, 0))
            let oxygen = Crystal.quartzOrbit(of: SIMD3(0.4135, 0.2669, 0.1191))
            return silicon.map { Site(species: 0, position: $0) } + oxygen.map { Site(species: 1, position: $0) }
        }
    }

    /// The crystal replicated `cells` times along its lattice vectors, in metal units.
    ///
    /// Atoms are ordered cell by cell (c slowest), each cell's atoms as in `sites`.
    /// - Parameter latticeConstant: a in Å; the measured value by default.
    public func build(latticeConstant: Double? = nil, cells: SIMD3<Int>) throws(AtomsError) -> Configuration {
        let a = latticeConstant ?? self.latticeConstant
        guard a.isFinite, a > 0 else { throw .cannotBuild("the lattice constant must be positive, got \(a)") }
        let count = try replicatedAtomCount(cells: cells, basis: sites.count)
        let vectors = cellVectors(latticeConstant: a)
        let sites = self.sites
        var positions: [SIMD3<Double>] = []
        var species: [Int] = []
        positions.reserveCapacity(count)
        species.reserveCapacity(positions.capacity)
        for k in 0..<cells.z {
            for j in 0..<cells.y {
                for i in 0..<cells.x {
                    let origin = SIMD3(Double(i), Double(j), Double(k))
                    for site in sites {
                        positions.append((origin + site.position) * vectors)
                        species.append(site.species)
                    }
                }
            }
        }
        let counts = SIMD3(Double(cells.x), Double(cells.y), Double(cells.z))
        let box = Matrix3(rows: vectors[0] * counts.x, vectors[1] * counts.y, vectors[2] * counts.z)
        return Configuration(positions: positions, species: species, elements: elements, cell: Cell(vectors: box), units: .metal)
    }

    /// The distinct images of fractional position p under the six operations of P3₂21 in Levien,
    /// Prewitt & Weidner's setting (origin shifted by c/3 from International Tables', so that
    /// the two-fold axis along a passes through z = 0).
    private static func quartzOrbit(of p: SIMD3<Double>) -> [SIMD3<Double>] {
        let (x, y, z) = (p.x, p.y, p.z)
        let images = [
            SIMD3(x, y, z), SIMD3(-y, x - y, z + 2.0 / 3), SIMD3(y - x, -x, z + 1.0 / 3),
            SIMD3(y, x, 2.0 / 3 - z), SIMD3(x - y, -y, -z), SIMD3(-x, y - x, 1.0 / 3 - z),
        ].map(wrapped)
        var distinct: [SIMD3<Double>] = []
        for s in images where !distinct.contains(where: { isSameSite($0, s) }) {
            distinct.append(s)
        }
        return distinct
    }
}

/// Fractional coordinates brought into [0, 1).
private func wrapped(_ s: SIMD3<Double>) -> SIMD3<Double> {
    s - s.rounded(.down)
}

/// True when fractional positions s and t differ by a whole lattice translation.
private func isSameSite(_ s: SIMD3<Double>, _ t: SIMD3<Double>) -> Bool {
    let d = s - t
    let r = d - d.rounded(.toNearestOrEven)
    return (r * r).sum() < 1e-18
}
