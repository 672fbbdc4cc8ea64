import BasinMath
import Foundation

/// Starting structures for cluster searches grown on the lattices of the three motifs of
/// close-packed clusters: decahedral, icosahedral (Mackay) and face-centred cubic (Doye, Wales &
/// Berry, J. Chem. Phys. 103, 4234 (1995)), and of the Leary tetrahedron.
///
/// A motif's sites are generated around the origin with nearest-neighbour distance `bond`
/// (slightly strained where the motif requires it: the decahedron's five wedges span 72° instead
/// of the 70.53° of a regular tetrahedron, Mackay shells are 5 % wider along their edges). An
/// N-atom cluster is then grown on them and refined by lattice searching (`LatticeCluster`):
/// greedily, one site at a time from the site at the origin, each new atom on the vacant site of
/// lowest Lennard-Jones energy (minimum at `bond`) after a random perturbation of up to `jitter`
/// well depths, then moving least-bound atoms to better vacant sites while the energy drops.
/// `marksDecahedral` starts instead from a whole decahedron of about N atoms (`MarksDecahedron`)
/// and removes its least-bound atoms (perturbed alike), or grows on, until N remain;
/// `tetrahedral` likewise from the whole smallest complex of at least N sites. (Grown from its
/// centre on the complex of 144 sites, every 98-atom tetrahedral seed quenched 11–12 ε above
/// the Leary minimum; trimmed from it, every one quenched into it.)
/// Compact clusters of the motif result — Marks-like decahedra, Mackay icosahedra with partial
/// overlayers, truncated octahedra and tetrahedra — whose shape varies with the generator; basin
/// hopping relaxes them further. Nothing about any particular cluster size is built in.
public enum ClusterMotif: String, Sendable, CaseIterable, Codable {
    case decahedral
    /// A complete Ino or Marks decahedron (`MarksDecahedron`) of about N atoms, drawn at random
    /// among those shapes, trimmed or filled to N atoms on the decahedral lattice.
    case marksDecahedral
    case icosahedral
    case closePacked
    /// The Leary tetrahedron's complex of 17 tetrahedra (`tetrahedralComplex`): the smallest
    /// whole complex of at least N sites, trimmed to N atoms.
    case tetrahedral

    /// 3N coordinates (length units) of an N-atom cluster of this motif, centred at the origin.
    public func grow(atoms n: Int, bond: Double, jitter: Double = 0.3, using generator: inout SeededGenerator) -> [Double] {
        precondition(n >= 1 && bond > 0 && jitter >= 0, "a motif needs at least one atom, a positive bond and jitter ≥ 0")
        var sites = self.sites(atoms: n, bond: bond, shift: shift(bond: bond, using: &generator))
        // The sites occupied before trimming: the first `whole` of them.
        var whole = 0
        switch self {
        case .marksDecahedral:
            let candidates = MarksDecahedron.candidates(near: n)
            let shape = candidates[Int(generator.uniform() * Double(candidates.count))].positions(bond: bond)
            // `unique` keeps the first of coinciding points, so the shape's atoms are the first sites.
            sites = Self.unique(shape + sites, tolerance: 0.1 * bond)
            whole = shape.count
        case .tetrahedral:
            whole = sites.count
        case .decahedral, .icosahedral, .closePacked:
            break
        }
        var lattice = LatticeCluster(sites: sites, bond: bond)
        lattice.occupy(0..<whole)
        lattice.trim(atoms: n, jitter: jitter, using: &generator)
        lattice.grow(atoms: n, jitter: jitter, using: &generator)
        lattice.search(bond: bond, maximumMoves: 10 * n)
        let grown = lattice.positions
        let centroid: SIMD3<Double> = grown.reduce(SIMD3<Double>.zero, +) / Double(grown.count)
        var coordinates: [Double] = []
        coordinates.reserveCapacity(3 * n)
        for p in grown {
            let r = p - centroid
            coordinates += [r.x, r.y, r.z]
        }
        return coordinates
    }

    /// The lattice's offset from the origin: close-packed growth starts at random from an atom,
    /// an octahedral or a tetrahedral hole; the other motifs from their central atom.
    private func shift(bond: Double, using generator: inout SeededGenerator) -> SIMD3<Double> {
        guard self == .closePacked else { return .zero }
        let a = bond * 2.0.squareRoot()
        switch Int(generator.uniform() * 3) {
        case 0: return .zero
        case 1: return SIMD3(a / 2, 0, 0)
        default: return SIMD3(a / 4, a / 4, a / 4)
        }
    }

    /// Sites enough for `atoms` atoms: the smallest tetrahedral complex with at least as many
    /// sites as atoms; for the other motifs those within a sphere that holds the atoms at close packing
    /// with two shells to spare.
    func sites(atoms n: Int, bond: Double, shift: SIMD3<Double>) -> [SIMD3<Double>] {
        let closePackedVolume: Double = 3 * Double(n) / (4 * Double.pi * 2.0.squareRoot())
        let radius: Double = bond * (cbrt(closePackedVolume) + 2.5)
        var points: [SIMD3<Double>]
        let layers = Int((radius / bond).rounded(.up)) + 1
        switch self {
        case .tetrahedral:
            return Self.tetrahedralSites(atoms: n, bond: bond)
        case .closePacked:
            let half = bond / 2.0.squareRoot()
            let a1 = SIMD3(0, half, half), a2 = SIMD3(half, 0, half), a3 = SIMD3(half, half, 0)
            let range = 2 * layers
            points = []
            for i in -range...range {
                for j in -range...range {
                    for k in -range...range {
                        let point: SIMD3<Double> = Double(i) * a1 + Double(j) * a2
                        points.append(point + Double(k) * a3 - shift)
                    }
                }
            }
        case .decahedral, .marksDecahedral:
            // Five fcc wedges sharing the z axis: n₁ẑd + n₂vₛ + n₃vₛ₊₁ with n₂, n₃ ≥ 0.
            let edges = Self.decahedralEdges(bond: bond)
            let axis = SIMD3<Double>(0, 0, bond)
            points = []
            for s in 0..<5 {
                for n1 in -2 * layers...2 * layers {
                    for n2 in 0...layers {
                        for n3 in 0...(layers - n2) {
                            let wedge: SIMD3<Double> = Double(n2) * edges[s] + Double(n3) * edges[(s + 1) % 5]
                            points.append(Double(n1) * axis + wedge)
                        }
                    }
                }
            }
        case .icosahedral:
            // Mackay shells: on each of the 20 faces (A, B, C) of the unit icosahedron, shell k
            // holds bond·(iA + jB + lC) with i + j + l = k, so radial bonds are `bond` long.
            let vertices = Self.icosahedronVertices()
            var faces: [(Int, Int, Int)] = []
            for a in 0..<12 {
                for b in (a + 1)..<12 {
                    for c in (b + 1)..<12 {
                        let ab: SIMD3<Double> = vertices[a] - vertices[b]
                        let bc: SIMD3<Double> = vertices[b] - vertices[c]
                        let ca: SIMD3<Double> = vertices[c] - vertices[a]
                        if (ab * ab).sum() < 1.2, (bc * bc).sum() < 1.2, (ca * ca).sum() < 1.2 { faces.append((a, b, c)) }
                    }
                }
            }
            points = [.zero]
            for k in 1...layers {
                for (a, b, c) in faces {
                    for i in 0...k {
                        for j in 0...(k - i) {
                            let l = k - i - j
                            let edge: SIMD3<Double> = Double(i) * vertices[a] + Double(j) * vertices[b]
                            points.append(bond * (edge + Double(l) * vertices[c]))
                        }
                    }
                }
            }
        }
        return Self.unique(points.filter { ($0 * $0).sum() <= radius * radius }, tolerance: 0.1 * bond)
    }

    /// The decahedral lattice's edge vectors vₛ (s = 0…4): `bond` long, 60° from the z axis,
    /// 72° apart around it.
    static func decahedralEdges(bond: Double) -> [SIMD3<Double>] {
        (0..<5).map { s in
            let angle: Double = 2 * Double.pi * Double(s) / 5
            let horizontal: Double = 0.75.squareRoot()
            return bond * SIMD3<Double>(horizontal * cos(angle), horizontal * sin(angle), 0.5)
        }
    }

    /// The twelve vertices of an icosahedron at unit distance from its centre.
    static func icosahedronVertices() -> [SIMD3<Double>] {
        let golden = (1 + 5.0.squareRoot()) / 2
        var vertices: [SIMD3<Double>] = []
        for s in [-1.0, 1.0] {
            for t in [-1.0, 1.0] {
                vertices.append(SIMD3(0, s, t * golden))
                vertices.append(SIMD3(s, t * golden, 0))
                vertices.append(SIMD3(t * golden, 0, s))
            }
        }
        let length = (1 + golden * golden).squareRoot()
        return vertices.map { $0 / length }
    }

    /// The points with duplicates (closer than `tolerance`) removed, first kept.
    static func unique(_ points: [SIMD3<Double>], tolerance: Double) -> [SIMD3<Double>] {
        var seen = Set<SIMD3<Int>>()
        var kept: [SIMD3<Double>] = []
        for p in points {
            let key = SIMD3<Int>(p / tolerance, rounding: .toNearestOrAwayFromZero)
            var duplicate = false
            for dx in -1...1 {
                for dy in -1...1 {
                    for dz in -1...1 where seen.contains(key &+ SIMD3(dx, dy, dz)) { duplicate = true }
                }
            }
            guard !duplicate else { continue }
            seen.insert(key)
            kept.append(p)
        }
        return kept
    }
}
