import BasinAtoms
import BasinDescriptors
import BasinMath

/// Shared systems and function sets for the descriptor tests.
enum Fixtures {
    static let hydrogen = try! Element(symbol: "H")
    static let oxygen = try! Element(symbol: "O")

    /// Functions for both central elements: every type (1, 2, 3, 4, 9), several neighbor elements
    /// and radii.
    static func sets(_ kind: CutoffKind = .polynomial2, alpha: Double = 0.1) -> [SymmetryFunctionSet] {
        let text = """
            symfunction_short O 1 H 3.2
            symfunction_short O 4 O 1.3 3.5
            symfunction_short O 2 H 0.5 0.0 3.0
            symfunction_short O 2 O 0.2 1.0 3.5
            symfunction_short O 3 H H 0.1 1 1.0 3.5 0.5
            symfunction_short O 3 O H 0.05 -1 2.0 3.0
            symfunction_short O 9 H O 0.1 -1 4.0 3.5
            symfunction_short O 9 O O 0.02 1 1.5 3.0 0.3
            symfunction_short H 1 O 3.5
            symfunction_short H 4 H 2.1 3.0
            symfunction_short H 2 O 0.3 0.5 3.5
            symfunction_short H 2 H 0.1 0.0 3.0
            symfunction_short H 3 O O 0.05 1 1.0 3.5
            symfunction_short H 9 H O 0.1 1 2.0 3.5 0.2
            """
        return try! SymmetryFunctionSet.parse(text, cutoffKind: kind, alpha: alpha)
    }

    /// Six atoms of O and H in a skewed cell 2.6–3 wide, so that with r_c = 3.5 an atom sees
    /// several images of one neighbor, and its own images. No lattice vector is 3 long: an atom's
    /// image at exactly r_c = 3 would flicker across the step of the hard cutoff.
    static func periodic() -> Configuration {
        let cell = Cell(vectors: Matrix3(rows: SIMD3(3.03, 0, 0), SIMD3(0.4, 2.8, 0), SIMD3(0.3, -0.2, 2.9)))
        return Configuration(
            positions: [
                SIMD3(0.1, 0.2, 0.3), SIMD3(1.2, 0.9, 0.4), SIMD3(2.1, 1.8, 1.6),
                SIMD3(0.5, 2.2, 2.1), SIMD3(1.7, 0.3, 2.4), SIMD3(2.6, 2.5, 0.9),
            ],
            species: [0, 1, 1, 0, 1, 1], elements: [oxygen, hydrogen], cell: cell)
    }

    /// A cluster of seven atoms (open boundaries), elements listed H first.
    static func cluster() -> Configuration {
        Configuration(
            positions: [
                SIMD3(0, 0, 0), SIMD3(0.96, 0.1, -0.05), SIMD3(-0.3, 0.92, 0.1), SIMD3(1.9, 1.2, 0.4),
                SIMD3(2.4, 2.0, 0.1), SIMD3(0.8, 1.7, 1.1), SIMD3(-1.1, -0.6, 1.3),
            ],
            species: [1, 0, 0, 1, 0, 0, 1], elements: [hydrogen, oxygen])
    }

    static func evaluate(
        _ c: Configuration, _ sets: [SymmetryFunctionSet], chunks: Int = 1
    ) -> (SymmetryFunctionValues, NeighborList) {
        let evaluator = SymmetryFunctionEvaluator(sets: sets)
        let list = NeighborList(cutoff: evaluator.cutoffRadius, kind: .full, chunkCount: chunks)
        try! list.build(for: c)
        return (try! evaluator.evaluate(c, neighbors: list), list)
    }

    /// ∂G_is/∂R_k for local atom k, images folded onto their owners.
    static func derivative(_ v: SymmetryFunctionValues, _ list: NeighborList, i: Int, s: Int, k: Int) -> SIMD3<Double> {
        var sum = SIMD3<Double>.zero
        for e in v.neighborhoodStart[i]..<v.neighborhoodStart[i + 1] where list.owners[Int(v.neighborhood[e])] == k {
            sum += v.derivatives[e * v.stride + s]
        }
        return sum
    }
}
