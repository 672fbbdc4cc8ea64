import BasinMath

/// The toy model's energy per particle: modified Lennard-Jones pair terms plus triplet terms
/// whose argument is a triangle's mean side length, summed over a periodic cell's images.
///
/// Both modes compute, for each central particle i and the images N(i) near it,
///
///     E/N_p = (1/N_p) [ ¼ Σ_i Σ_{j∈N(i)} V(r_ij) + Σ_i Σ_{j<k ∈ N(i)} c_jk V((r_ij + r_ik + r_jk)/3) ],
///
/// with c_jk = 3/2 in `periodic` mode, and in `thesis` mode 3/2 when j and k are both in the
/// central cell or both outside it but 3/4 when one is inside and one outside, which is what
/// the thesis's code sums. See docs/toy-model.md for the derivation.
public struct ToyModel: Sendable {
    public var potential: ModifiedLennardJones
    public var mode: EnergyMode

    public init(potential: ModifiedLennardJones = .thesis, mode: EnergyMode = .periodic) {
        self.potential = potential
        self.mode = mode
    }

    /// The smallest depth d_s that holds every image within reach of a triangle term: a
    /// triangle with mean side below R₀ has every side below 3R₀/2, and minimum-image
    /// separations are at most w/2 per axis, so d_s = ⌈3R₀/(2w) + 1/2⌉.
    public func automaticDepth(width: Double) -> Int {
        ImageLimit.depth(roundingUp: 1.5 * potential.cutoff / width + 0.5)
    }

    /// Throws when `structure` needs more images than `ImageLimit` allows at `depth` (nil:
    /// automatic), or a depth is negative.
    public func checkImages(_ structure: ToyStructure, depth: Int?) throws(ToyModelError) {
        if let depth, depth < 0 { throw .invalidParameter("the depth cannot be negative, got \(depth)") }
        try ImageLimit.check(width: structure.width, depth: depth ?? automaticDepth(width: structure.width), dimension: structure.dimension)
    }

    /// E/N_p (energy unit of E_c) of `structure` with images to depth d_s (`depth`, or the
    /// automatic depth when nil).
    public func energyPerParticle(_ structure: ToyStructure, depth: Int? = nil, workspace: ToyWorkspace) -> Double {
        evaluate(structure, depth: depth, workspace: workspace, gradient: nil)
    }

    /// E/N_p and its gradient ∂(E/N_p)/∂x_i with respect to the central-cell positions (every
    /// image moving with its particle); `gradient` gets N_p entries, z = 0 in 2-D.
    public func energyPerParticle(_ structure: ToyStructure, depth: Int? = nil, gradient: inout [SIMD3<Double>], workspace: ToyWorkspace) -> Double {
        if gradient.count != structure.count { gradient = Array(repeating: .zero, count: structure.count) }
        return gradient.withUnsafeMutableBufferPointer { g in
            evaluate(structure, depth: depth, workspace: workspace, gradient: g.baseAddress!)
        }
    }

    /// E/N_p in `thesis` mode with the images outside the central cell built from `imagePositions`
    /// instead of the current positions: what the thesis's relaxation evaluates for every trial
    /// move (its images stay those of the structure before relaxation).
    public func thesisEnergyPerParticle(_ structure: ToyStructure, imagePositions: [SIMD3<Double>], depth: Int?, workspace: ToyWorkspace) -> Double {
        precondition(mode == .thesis && imagePositions.count == structure.count, "stale images exist only in thesis mode, one per particle")
        return evaluate(structure, depth: depth, workspace: workspace, gradient: nil, staleImages: imagePositions)
    }

    func evaluate(
        _ structure: ToyStructure, depth: Int?, workspace ws: ToyWorkspace, gradient: UnsafeMutablePointer<SIMD3<Double>>?,
        staleImages: [SIMD3<Double>]? = nil
    ) -> Double {
        let depth = depth ?? automaticDepth(width: structure.width)
        precondition(depth >= 0, "the depth of surrounding cells cannot be negative")
        ws.prepareTranslations(dimension: structure.dimension, depth: depth, width: structure.width)
        let n = structure.count, v = potential, thesis = mode == .thesis
        let pairCutoff = v.cutoff
        let perParticle = 1 / Double(n)
        if let gradient { gradient.update(repeating: .zero, count: n) }
        var pairSum = 0.0, tripletSum = 0.0
        for i in 0..<n {
            ws.collectNeighbors(of: i, in: structure, cutoff: 1.5 * v.cutoff, minimumImage: !thesis, staleImages: staleImages)
            let count = ws.relative.count
            ws.relative.withUnsafeBufferPointer { rel in
            ws.distance.withUnsafeBufferPointer { dist in
            ws.owner.withUnsafeBufferPointer { owner in
            ws.isHome.withUnsafeBufferPointer { home in
                for a in 0..<count where dist[a] < pairCutoff {
                    let (value, slope) = v.valueAndSlope(dist[a])
                    pairSum += value
                    if let gradient {
                        let g = (0.25 * perParticle * slope / dist[a]) * rel[a]
                        gradient[owner[a]] += g
                        gradient[i] -= g
                    }
                }
                for a in 0..<count {
                    let ra = rel[a], da = dist[a]
                    for b in (a + 1)..<max(a + 1, count) {
                        let ab = rel[b] - ra
                        let dab = (ab * ab).sum().squareRoot()
                        let s = (da + dist[b] + dab) * (1.0 / 3)
                        if s >= pairCutoff { continue }
                        let weight = thesis && home[a] != home[b] ? 0.75 : 1.5
                        let (value, slope) = v.valueAndSlope(s)
                        tripletSum += weight * value
                        if let gradient {
                            let c = weight * perParticle * slope / 3
                            let ua = (c / da) * ra, ub = (c / dist[b]) * rel[b], uab = (c / dab) * ab
                            gradient[i] -= ua + ub
                            gradient[owner[a]] += ua - uab
                            gradient[owner[b]] += ub + uab
                        }
                    }
                }
            }}}}
        }
        return (0.25 * pairSum + tripletSum) * perParticle
    }
}
