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
    /// Labelings compared.
    public let candidates: Int
}

/// Choice of the atoms that fix the frame.
///
/// Some labelings of the same minimum make U′(X*) nearly singular — atom 3 close to the
/// x-axis leaves rotations about that axis almost free — and then U′(X*)⁻¹ and L** are huge.
/// Candidates are built from the atoms nearest the centroid as atom 1, each with one of its
/// nearest neighbours as atom 2 and, as atom 3, the neighbours of atom 1 whose angle
/// ∠(2, 1, 3) is closest to 90°. Of those whose U′(X*) is positive definite, the one with the
/// smallest ‖U′(X*)⁻¹‖₂ (1/λ_min, by inverse iteration) is chosen.
public enum FrameSelection {
    /// Candidate frames for `positions` (input order), at most `limit`.
    public static func candidates(for positions: [SIMD3<Double>], limit: Int) -> [(origin: Int, axis: Int, plane: Int?)] {
        let n = positions.count
        guard n >= 3 else { return [(0, 1, nil)] }
        let centroid = positions.reduce(SIMD3<Double>.zero, +) / Double(n)
        func distance(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double { ((a - b) * (a - b)).sum().squareRoot() }
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

    private static func cosine(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double {
        (a * b).sum() / ((a * a).sum() * (b * b).sum()).squareRoot()
    }

    /// The best of at most `limit` candidate frames. Throws when the structure is not a minimum
    /// (reduced gradient norm above `gradientTolerance`, or no candidate with a positive
    /// definite Hessian).
    public static func choose(
        positions: [SIMD3<Double>], limit: Int, gradientTolerance: Double, threads: Int
    ) throws(CompressionError) -> FrameChoice {
        let n = positions.count
        guard n >= 2 else { throw .tooFewAtoms(n) }
        for (index, p) in positions.enumerated() where !(p.x.isFinite && p.y.isFinite && p.z.isFinite) {
            throw .nonFiniteCoordinates(atom: index)
        }
        for i in 0..<n {
            for j in (i + 1)..<n where positions[i] == positions[j] { throw .coincidentAtoms(i, j) }
        }
        let problem = ReducedLennardJones(atomCount: n)
        var best: FrameChoice?
        var failure: CompressionError?
        var tried = 0
        var checkedGradient = false
        for candidate in candidates(for: positions, limit: limit) {
            let frame = try ReducedFrame(atomCount: n, origin: candidate.origin, axis: candidate.axis, plane: candidate.plane)
            let x = try frame.coordinates(of: positions)
            if !checkedGradient {
                let norm = Vectors.norm(problem.gradient(x))
                guard norm <= gradientTolerance else { throw .notAMinimum(gradientNorm: norm, tolerance: gradientTolerance) }
                checkedGradient = true
            }
            tried += 1
            let hessian = problem.hessian(x, threads: threads)
            let factor: CholeskyFactorization
            do {
                factor = try CholeskyFactorization(hessian, threads: threads)
            } catch .notPositiveDefinite {
                failure = .indefiniteHessian
                continue
            } catch {
                if failure == nil { failure = .singularHessian }
                continue
            }
            let norm = inverseNorm(factor)
            if best == nil || norm < best!.inverseHessianNorm {
                best = FrameChoice(frame: frame, minimum: x, factor: factor, inverseHessianNorm: norm, candidates: 0)
            }
        }
        guard let best else { throw failure ?? .singularHessian }
        return FrameChoice(frame: best.frame, minimum: best.minimum, factor: best.factor,
                           inverseHessianNorm: best.inverseHessianNorm, candidates: tried)
    }

    /// 1/λ_min of a positive definite matrix from its Cholesky factor, by inverse iteration
    /// (the Rayleigh quotient of H⁻¹, to a relative change of 1e-8).
    public static func inverseNorm(_ factor: CholeskyFactorization) -> Double {
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
            let converged = abs(quotient - estimate) <= 1e-8 * quotient
            estimate = quotient
            if converged || !(length > 0) { break }
            v = w.map { $0 / length }
        }
        return max(estimate, length)
    }
}
