/// How the toy model's energy per particle sums pairs and triangles (see docs/toy-model.md).
public enum EnergyMode: String, Sendable, Codable, CaseIterable {
    /// The infinite periodic system: every distinct pair counted with weight 1/2 and every
    /// distinct triangle with weight 9/2 once per cell, all images within the cutoff. Invariant
    /// under translation, lattice moves of single particles, permutation and the cell's
    /// symmetry operations.
    case periodic
    /// The sums of the thesis's eq. 9 as its public code computes them: images in the
    /// (2d_s + 1)^d − 1 cells around the raw coordinates; a triangle with two vertices in the
    /// central cell and one outside counted with half the weight of the others.
    case thesis
}
