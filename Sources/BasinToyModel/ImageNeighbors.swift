import BasinMath

/// Scratch memory for toy-model evaluations, sized once and reused: the images near one
/// central particle and the lattice translations of the current depth. One per thread.
public final class ToyWorkspace {
    /// Positions of the neighboring images relative to the central particle (length).
    var relative: [SIMD3<Double>] = []
    /// Their distances from the central particle.
    var distance: [Double] = []
    /// The central-cell particle each image belongs to.
    var owner: [Int] = []
    /// Whether the image is the particle itself in the central cell (lattice vector 0).
    var isHome: [Bool] = []
    /// Lattice translations n·w with |n|∞ ≤ depth, for `translationsKey`.
    var translations: [SIMD3<Double>] = []
    var translationIsZero: [Bool] = []
    var translationsKey: (dimension: Int, depth: Int, width: Double) = (0, -1, 0)

    public init() {}

    /// Fills `translations` for d, d_s and w unless they are already current.
    func prepareTranslations(dimension: Int, depth: Int, width: Double) {
        guard translationsKey != (dimension, depth, width) else { return }
        translationsKey = (dimension, depth, width)
        translations.removeAll(keepingCapacity: true)
        translationIsZero.removeAll(keepingCapacity: true)
        let zRange = dimension == 3 ? -depth...depth : 0...0
        for a in -depth...depth {
            for b in -depth...depth {
                for c in zRange {
                    translations.append(width * SIMD3(Double(a), Double(b), Double(c)))
                    translationIsZero.append(a == 0 && b == 0 && c == 0)
                }
            }
        }
    }

    /// Collects every image of every particle (other than `center` itself) closer than
    /// `cutoff` to particle `center`. In periodic mode each pair starts from its minimum-image
    /// separation, so the set is the same for any lattice shift of the particles; in thesis mode
    /// the images are the raw coordinates plus the translations, as the thesis's code builds them.
    /// `staleImages` (thesis mode only) replaces the positions the images outside the central
    /// cell are built from, as the thesis's relaxation does by mistake.
    func collectNeighbors(of center: Int, in structure: ToyStructure, cutoff: Double, minimumImage: Bool, staleImages: [SIMD3<Double>]? = nil) {
        relative.removeAll(keepingCapacity: true)
        distance.removeAll(keepingCapacity: true)
        owner.removeAll(keepingCapacity: true)
        isHome.removeAll(keepingCapacity: true)
        let cutoffSquared = cutoff * cutoff, w = structure.width
        let xi = structure.positions[center]
        structure.positions.withUnsafeBufferPointer { positions in
            translations.withUnsafeBufferPointer { shifts in
                for j in positions.indices {
                    var base = positions[j] - xi
                    if minimumImage { base -= w * (base / w).rounded(.toNearestOrEven) }
                    let imageBase = staleImages.map { $0[j] - xi } ?? base
                    for t in shifts.indices {
                        if j == center && translationIsZero[t] { continue }
                        let r = (translationIsZero[t] ? base : imageBase) + shifts[t]
                        let r2 = (r * r).sum()
                        if r2 < cutoffSquared {
                            relative.append(r)
                            distance.append(r2.squareRoot())
                            owner.append(j)
                            isHome.append(translationIsZero[t])
                        }
                    }
                }
            }
        }
    }
}
