import BasinMath

/// The lattice of the Leary tetrahedron (Leary & Doye, Phys. Rev. E 60, R6320 (1999)), the
/// global minimum of LJ₉₈ and a motif of its own: a central regular tetrahedron, a twin of it
/// on each of its four faces (a stellated tetrahedron), and in the groove along each of its six
/// edges two more tetrahedra, so that five tetrahedra meet around every central edge as around
/// the axis of a decahedron. The groove tetrahedra share an equilateral face on the edge with
/// their neighbours and close the 148.4° left between the twins by a strain of about 5 %
/// across the groove.
extension ClusterMotif {
    /// The 17 tetrahedra of the complex whose central tetrahedron has edges of `length`
    /// (length units), centred at the origin, as their four vertices each.
    static func tetrahedralComplex(edgeLength length: Double) -> [[SIMD3<Double>]] {
        // (±1, ±1, ±1) with an even number of minus signs: edges 2√2 long.
        let scale = length / (2 * 2.0.squareRoot())
        let core = [SIMD3<Double>(1, 1, 1), SIMD3(1, -1, -1), SIMD3(-1, 1, -1), SIMD3(-1, -1, 1)].map { scale * $0 }
        var tetrahedra = [core]
        // apexes[i]: the twin's vertex on the face opposite core[i] (core[i] mirrored in it).
        var apexes: [SIMD3<Double>] = []
        for i in 0..<4 {
            let face = core.indices.filter { $0 != i }.map { core[$0] }
            let normal = unit(BasinMath.cross(face[1] - face[0], face[2] - face[0]))
            let apex = core[i] - 2 * dot(core[i] - face[0], normal) * normal
            apexes.append(apex)
            tetrahedra.append(face + [apex])
        }
        let height = 0.75.squareRoot() * length
        for i in 0..<4 {
            for j in (i + 1)..<4 {
                let others = core.indices.filter { $0 != i && $0 != j }
                let middle = (core[i] + core[j]) / 2
                let axis = unit(core[j] - core[i])
                func across(_ p: SIMD3<Double>) -> SIMD3<Double> {
                    let d = p - middle
                    return unit(d - dot(d, axis) * axis)
                }
                // The twins on the two faces through the edge; the groove lies along their bisector (the 148.4° gap).
                let first = apexes[others[0]], second = apexes[others[1]]
                let groove = middle + height * unit(across(first) + across(second))
                tetrahedra.append([core[i], core[j], first, groove])
                tetrahedra.append([core[i], core[j], groove, second])
            }
        }
        return tetrahedra
    }

    /// The sites of the complex with `edge` bonds along each edge: the triangular grid of every
    /// tetrahedron (its points a·v₀ + b·v₁ + c·v₂ + d·v₃ with a + b + c + d = 1 in steps of
    /// 1/edge), merged where tetrahedra share faces.
    static func tetrahedralSites(edge m: Int, bond: Double) -> [SIMD3<Double>] {
        precondition(m >= 1, "a tetrahedron needs at least one bond along its edge")
        var points: [SIMD3<Double>] = []
        for t in tetrahedralComplex(edgeLength: Double(m) * bond) {
            for a in 0...m {
                for b in 0...(m - a) {
                    for c in 0...(m - a - b) {
                        let d = m - a - b - c
                        let sum: SIMD3<Double> = Double(a) * t[0] + Double(b) * t[1] + Double(c) * t[2]
                        points.append((sum + Double(d) * t[3]) / Double(m))
                    }
                }
            }
        }
        return unique(points, tolerance: 0.1 * bond)
    }

    /// The sites of the smallest complex with at least `atoms` sites.
    static func tetrahedralSites(atoms n: Int, bond: Double) -> [SIMD3<Double>] {
        var m = 1
        while true {
            let sites = tetrahedralSites(edge: m, bond: bond)
            if sites.count >= n { return sites }
            m += 1
        }
    }
}

/// The unit vector along v.
private func unit(_ v: SIMD3<Double>) -> SIMD3<Double> { v / length(v) }
