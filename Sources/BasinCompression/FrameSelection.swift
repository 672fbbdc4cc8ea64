import BasinMath

/// The chosen labeling of atoms 1, 2, 3 and what it gives at the minimum.
public struct FrameChoice: Sendable {
    public let frame: ReducedFrame
    /// X* in the chosen frame.
    public let minimum: [Double]
    /// Cholesky factor of U′(X*).
    public let factor: CholeskyFactorization
    /// ‖U′(X*)⁻¹‖₂ = 1/λ_min(U′(X*)).
    public let inverseHessianNorm: Double
    /// The proven bound (1 + 1/σ²)/λ⁺ on it (`FrameBound`), when the frames were ranked.
    public let inverseHessianBound: Double?
    /// Labelings ranked by the bound (0 when they were not).
    public let ranked: Int
    /// Labelings factorised and compared exactly.
    public let candidates: Int
}

/// Choice of the atoms that fix the frame.
///
/// Some labelings of the same minimum make U′(X*) nearly singular — atom 3 close to the
/// x-axis leaves rotations about that axis almost free — and then U′(X*)⁻¹ and L** are huge.
/// Candidate labelings are ranked by the proven bound ‖U′(X*)⁻¹‖₂ ≤ (1 + 1/σ²)/λ⁺ of
/// `FrameBound` (every ordered triple of atoms for small clusters; for larger ones atom 1 among
/// the atoms nearest the centroid, atom 2 among those farthest from it and atom 3 among those
/// farthest from the axis). The best by the bound for each of the first few atoms 1 are
/// factorised; of those whose U′(X*) is positive definite, `choose` takes the one with the
/// smallest ‖U′(X*)⁻¹‖₂ (1/λ_min by inverse iteration) and `CompressionAnalysis` the one with
/// the largest radius. Linear clusters, which have no bound, compare the neighbour frames of
/// `candidates(for:limit:)` instead.
public enum FrameSelection {
    /// Candidate frames for `positions` (input order), at most `limit`: atoms nearest the
    /// centroid as atom 1, each with one of its nearest neighbours as atom 2 and, as atom 3, the
    /// neighbours of atom 1 whose angle ∠(2, 1, 3) is closest to 90°.
    public static func candidates(for positions: [SIMD3<Double>], limit: Int) -> [(origin: Int, axis: Int, plane: Int?)] {
        let n = positions.count
        guard n >= 3 else { return [(0, 1, nil)] }
        let centroid = positions.reduce(SIMD3<Double>.zero, +) / Double(n)
        let central = (0..<n).sorted { distance(positions[$0], centroid) < distance(positions[$1], centroid) }
        var result: [(origin: Int, axis: Int, plane: Int?)] = []
        for origin in central.prefix(2) {
            let neighbors = (0..<n).filter { $0 != origin }.sorted {
                distance(positions[$0], positions[origin]) < distance(positions[$1], positions[origin])
            }
            for axis in neighbors.prefix(3) {
                let e = positions[axis] - positions[origin]
                let planes = neighbors.prefix(12).filter { $0 != axis }.sorted { a, b in
                    abs(cosine(e, positions[a] - positions[origin])) < abs(cosine(e, positions[b] - positions[origin]))
                }
                for plane in planes.prefix(2) { result.append((origin, axis, plane)) }
            }
        }
        // Interleave so that a short list still varies atom 1 and atom 2.
        let ordered = result.enumerated().sorted { ($0.offset % 2, $0.offset) < ($1.offset % 2, $1.offset) }.map(\.element)
        return Array(ordered.prefix(max(1, limit)))
    }

    /// Ordered triples (atom 1, 2, 3) to rank by the bound: all of them while there are at most
    /// `exhaustive`, otherwise atom 1 among the 8 atoms nearest the centroid, atom 2 among the
    /// 24 farthest from atom 1 and atom 3 among the 24 farthest from the line through 1 and 2.
    public static func triples(for positions: [SIMD3<Double>], exhaustive: Int = 20_000) -> [(origin: Int, axis: Int, plane: Int)] {
        let n = positions.count
        guard n >= 3 else { return [] }
        var result: [(origin: Int, axis: Int, plane: Int)] = []
        if n * (n - 1) * (n - 2) <= exhaustive {
            for a in 0..<n { for b in 0..<n where b != a { for c in 0..<n where c != a && c != b { result.append((a, b, c)) } } }
            return result
        }
        let centroid = positions.reduce(SIMD3<Double>.zero, +) / Double(n)
        let central = (0..<n).sorted { distance(positions[$0], centroid) < distance(positions[$1], centroid) }
        for origin in central.prefix(8) {
            let far = (0..<n).filter { $0 != origin }.sorted {
                distance(positions[$0], positions[origin]) > distance(positions[$1], positions[origin])
            }
            for axis in far.prefix(24) {
                let e = positions[axis] - positions[origin]
                func offAxis(_ k: Int) -> Double {
                    let v = positions[k] - positions[origin]
                    let along = (v * e).sum() / (e * e).sum()
                    let w = v - along * e
                    return (w * w).sum()
                }
                let planes = (0..<n).filter { $0 != origin && $0 != axis }.sorted { offAxis($0) > offAxis($1) }
                for plane in planes.prefix(24) { result.append((origin, axis, plane)) }
            }
        }
        return result
    }

    private static func distance(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double { ((a - b) * (a - b)).sum().squareRoot() }

    private static func cosine(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double {
        (a * b).sum() / ((a * a).sum() * (b * b).sum()).squareRoot()
    }

    /// A frame to factorise, with its bound when the frames were ranked.
    public typealias Candidate = (frame: ReducedFrame, bound: Double?)

    /// The frames worth factorising for the minimum at `positions`, at most `limit`: the best
    /// by the bound for each atom 1 in turn (or, for two atoms and linear clusters, the
    /// neighbour frames), and how many frames were ranked. Throws for invalid structures and
    /// when the reduced gradient norm exceeds `gradientTolerance`.
    public static func rank(
        positions: [SIMD3<Double>], limit: Int, gradientTolerance: Double, threads: Int
    ) throws(CompressionError) -> (candidates: [Candidate], ranked: Int) {
        let n = positions.count
        guard n >= 2 else { throw .tooFewAtoms(n) }
        for (index, p) in positions.enumerated() where !(p.x.isFinite && p.y.isFinite && p.z.isFinite) {
            throw .nonFiniteCoordinates(atom: index)
        }
        for i in 0..<n {
            for j in (i + 1)..<n where positions[i] == positions[j] { throw .coincidentAtoms(i, j) }
        }
        let problem = ReducedLennardJones(atomCount: n)
        let first = candidates(for: positions, limit: 1)[0]
        let firstFrame = try ReducedFrame(atomCount: n, origin: first.origin, axis: first.axis, plane: first.plane)
        let norm = Vectors.norm(problem.gradient(try firstFrame.coordinates(of: positions)))
        guard norm <= gradientTolerance else { throw .notAMinimum(gradientNorm: norm, tolerance: gradientTolerance) }

        if n >= 3, let bound = try? FrameBound(positions: positions, threads: threads) {
            let all = triples(for: positions)
            let scored = all.map { (frame: $0, bound: bound.inverseHessianBound(origin: $0.origin, axis: $0.axis, plane: $0.plane)) }
            // The best frame by the bound for each atom 1, in order of the bound: atom 1 decides
            // which close pair the shortest path can still compress.
            var origins = Set<Int>()
            var list: [Candidate] = []
            for s in scored.filter({ $0.bound.isFinite }).sorted(by: { $0.bound < $1.bound }) where list.count < max(1, limit) {
                guard origins.insert(s.frame.origin).inserted else { continue }
                list.append((try ReducedFrame(atomCount: n, origin: s.frame.origin, axis: s.frame.axis, plane: s.frame.plane), s.bound))
            }
            if !list.isEmpty { return (list, all.count) }
        }
        var list: [Candidate] = []
        for c in candidates(for: positions, limit: limit) {
            list.append((try ReducedFrame(atomCount: n, origin: c.origin, axis: c.axis, plane: c.plane), nil))
        }
        return (list, 0)
    }

    /// X*, U′(X*) and its Cholesky factor in `candidate`'s frame; throws when U′(X*) is not
    /// positive definite.
    public static func factorise(
        _ candidate: Candidate, positions: [SIMD3<Double>], ranked: Int, of count: Int, threads: Int
    ) throws(CompressionError) -> FrameChoice {
        let problem = ReducedLennardJones(atomCount: positions.count)
        let x = try candidate.frame.coordinates(of: positions)
        let factor = try cholesky(problem.hessian(x, threads: threads), threads: threads)
        return FrameChoice(frame: candidate.frame, minimum: x, factor: factor, inverseHessianNorm: inverseNorm(factor),
                           inverseHessianBound: candidate.bound, ranked: ranked, candidates: count)
    }

    /// The Cholesky factor of a Hessian that must be positive definite.
    static func cholesky(_ hessian: DenseMatrix, threads: Int) throws(CompressionError) -> CholeskyFactorization {
        do {
            return try CholeskyFactorization(hessian, threads: threads)
        } catch .notPositiveDefinite {
            throw .indefiniteHessian
        } catch {
            throw .singularHessian
        }
    }

    /// The frame with the smallest ‖U′(X*)⁻¹‖₂ among those of `rank`. Throws as `rank` does, and
    /// when no candidate has a positive definite U′(X*).
    public static func choose(
        positions: [SIMD3<Double>], limit: Int, gradientTolerance: Double, threads: Int
    ) throws(CompressionError) -> FrameChoice {
        let ranking = try rank(positions: positions, limit: limit, gradientTolerance: gradientTolerance, threads: threads)
        var best: FrameChoice?
        var failure: CompressionError?
        for candidate in ranking.candidates {
            do {
                let choice = try factorise(candidate, positions: positions, ranked: ranking.ranked, of: ranking.candidates.count, threads: threads)
                if best == nil || choice.inverseHessianNorm < best!.inverseHessianNorm { best = choice }
            } catch {
                if failure == nil || error == .indefiniteHessian { failure = error }
            }
        }
        guard let best else { throw failure ?? .singularHessian }
        return best
    }

    /// 1/λ_min of a positive definite matrix from its Cholesky factor, by inverse iteration
    /// (the Rayleigh quotient of H⁻¹, to a relative change of `tolerance`).
    public static func inverseNorm(_ factor: CholeskyFactorization, tolerance: Double = 1e-8) -> Double {
        let m = factor.dimension
        var generator = SeededGenerator(seed: 0x1A4B)
        var v = (0..<m).map { _ in 2 * generator.uniform() - 1 }
        var length = Vectors.norm(v)
        v = v.map { $0 / length }
        var estimate = 0.0
        for _ in 0..<500 {
            var w = v
            factor.solve(&w)
            var quotient = 0.0
            for k in 0..<m { quotient += v[k] * w[k] }
            length = Vectors.norm(w)
            let converged = abs(quotient - estimate) <= tolerance * quotient
            estimate = quotient
            if converged || !(length > 0) { break }
            v = w.map { $0 / length }
        }
        return max(estimate, length)
    }
}
