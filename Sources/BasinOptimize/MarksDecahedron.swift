import BasinMath

/// A complete decahedron of the Ino and Marks family (Marks, Phil. Mag. A 49, 81 (1984)) on the
/// decahedral lattice of `ClusterMotif`: five face-centred cubic wedges around an axis of
/// `axialAtoms` atoms. Around the axis lie `shells` pentagonal shells of columns parallel to
/// it; a column of shell k holds `axialAtoms` − k atoms, so that the ends are the ten (111)
/// faces of the decahedron and the outer shell the five (100) faces of the Ino truncation. A
/// Marks re-entrance of depth `reentrance` removes, in the outer shells, the columns next to
/// the five twin planes: a column whose distance (in columns) from the nearest twin plane plus
/// its shell's depth below the surface is less than the re-entrance.
///
/// The family is generic: the shapes that hold about N atoms are all candidates, none tied to a
/// cluster size. (axial 5, shells 3, re-entrance 1) is the 75-atom Marks decahedron.
///
/// Invariants: 1 ≤ shells < axialAtoms (every column holds an atom) and 0 ≤ 2 · reentrance ≤ shells.
struct MarksDecahedron: Hashable, Sendable {
    let axialAtoms: Int
    let shells: Int
    let reentrance: Int

    init(axialAtoms: Int, shells: Int, reentrance: Int) {
        precondition(shells >= 1 && shells < axialAtoms, "a decahedron needs 1 ≤ shells < axial atoms")
        precondition(reentrance >= 0 && 2 * reentrance <= shells, "a re-entrance may reach at most half the shells")
        self.axialAtoms = axialAtoms
        self.shells = shells
        self.reentrance = reentrance
    }

    /// Columns (shell k ≥ 1 and the wedge coordinates n₂ ≥ 0, n₃ ≥ 1 with n₂ + n₃ = k) that the
    /// shape keeps; n₃ ≥ 1 gives each column to exactly one of the two wedges it borders.
    private func keeps(shell k: Int, _ n2: Int, _ n3: Int) -> Bool {
        min(n2, n3) + (shells - k) >= reentrance
    }

    /// The number of atoms of the shape.
    var atomCount: Int {
        var count = axialAtoms
        for k in 1...shells {
            for n2 in 0..<k where keeps(shell: k, n2, k - n2) { count += 5 * (axialAtoms - k) }
        }
        return count
    }

    /// The atoms' positions with nearest-neighbour distance `bond` (length units): the sites
    /// n₁ẑd + n₂vₛ + n₃vₛ₊₁ of `ClusterMotif.decahedralEdges`, the axis running from
    /// −⌊axialAtoms/2⌋ to the rest, so that every position is a site of the decahedral lattice.
    func positions(bond: Double) -> [SIMD3<Double>] {
        let edges = ClusterMotif.decahedralEdges(bond: bond)
        let axis = SIMD3<Double>(0, 0, bond)
        let low = -(axialAtoms / 2)
        var points = (0..<axialAtoms).map { Double(low + $0) * axis }
        for s in 0..<5 {
            for k in 1...shells {
                for n2 in 0..<k where keeps(shell: k, n2, k - n2) {
                    let column: SIMD3<Double> = Double(n2) * edges[s] + Double(k - n2) * edges[(s + 1) % 5]
                    for n1 in 0..<(axialAtoms - k) { points.append(column + Double(low + n1) * axis) }
                }
            }
        }
        return points
    }

    /// Fraction by which a candidate's atom count may differ from the cluster's.
    static let sizeWindow = 0.12

    /// The shapes no longer along the axis than across it (axialAtoms ≤ 2 · shells + 1) whose
    /// atom count lies within `sizeWindow` of `atoms`, or, when none does, the one nearest it;
    /// ordered by shells, axial atoms, re-entrance.
    static func candidates(near atoms: Int) -> [MarksDecahedron] {
        precondition(atoms >= 1, "a cluster needs at least one atom")
        var all: [MarksDecahedron] = []
        var shells = 1
        // The thinnest shape of `shells` shells (axis 2·shells + 1, deepest re-entrance) grows with `shells`.
        while MarksDecahedron(axialAtoms: shells + 1, shells: shells, reentrance: shells / 2).atomCount <= 2 * atoms + 20 {
            for axial in (shells + 1)...(2 * shells + 1) {
                for reentrance in 0...(shells / 2) {
                    all.append(MarksDecahedron(axialAtoms: axial, shells: shells, reentrance: reentrance))
                }
            }
            shells += 1
        }
        let near = all.filter { Double(abs($0.atomCount - atoms)) <= sizeWindow * Double(atoms) }
        if !near.isEmpty { return near }
        return [all.min { abs($0.atomCount - atoms) < abs($1.atomCount - atoms) }!]
    }
}
