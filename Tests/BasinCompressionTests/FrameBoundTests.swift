import BasinMath
import Testing

@testable import BasinCompression

@Suite struct FrameBoundTests {
    /// ‖U′(X*)⁻¹‖₂ of the frame with atoms `a`, `b`, `c` as 1, 2, 3, from all eigenvalues; nil
    /// when U′ is not positive definite.
    func exactInverseNorm(_ positions: [SIMD3<Double>], _ a: Int, _ b: Int, _ c: Int) throws -> Double? {
        let frame = try ReducedFrame(atomCount: positions.count, origin: a, axis: b, plane: c)
        let hessian = ReducedLennardJones(atomCount: positions.count).hessian(try frame.coordinates(of: positions))
        let smallest = SymmetricEigensystem(hessian).values[0]
        return smallest > 0 ? 1 / smallest : nil
    }

    @Test(arguments: [6, 8, 13])
    func theBoundHoldsForEveryFrameTried(atoms n: Int) throws {
        let positions = try clusterPositions(n)
        let bound = try FrameBound(positions: positions)
        let values = SymmetricEigensystem(ReducedLennardJones.cartesianHessian(positions)).values
        // Six rigid motions at zero, then λ⁺.
        #expect(values[5] < 1e-6 * values.last!)
        #expect(abs(bound.smallestNonzeroEigenvalue - values[6]) <= 1e-5 * values[6])
        var checked = 0, tightest = Double.infinity
        for (a, b, c) in FrameSelection.triples(for: positions) where (a + 2 * b + 3 * c) % 7 == 0 {
            let limit = bound.inverseHessianBound(origin: a, axis: b, plane: c)
            guard let exact = try exactInverseNorm(positions, a, b, c) else {
                #expect(limit == .infinity || limit > 1e6)
                continue
            }
            #expect(limit >= exact * (1 - 1e-9), "frame \(a) \(b) \(c): bound \(limit) < \(exact)")
            tightest = min(tightest, limit / exact)
            checked += 1
        }
        #expect(checked >= 10)
        // The bound is not vacuous: within a small factor for the best frames.
        #expect(tightest < 20)
    }

    @Test func anAtomNearTheAxisPinsTheRotationsPoorly() throws {
        // LJ13: the central atom, a vertex and the opposite vertex are collinear.
        let positions = try clusterPositions(13)
        let centroid = positions.reduce(SIMD3<Double>.zero, +) / 13
        func length(_ v: SIMD3<Double>) -> Double { (v * v).sum().squareRoot() }
        let center = (0..<13).min { length(positions[$0] - centroid) < length(positions[$1] - centroid) }!
        let vertex = (center + 1) % 13
        let opposite = (0..<13).max { length(positions[$0] - positions[vertex]) < length(positions[$1] - positions[vertex]) }!
        let bound = try FrameBound(positions: positions)
        let collinear = bound.rigidMotionSingularValue(origin: center, axis: vertex, plane: opposite)
        let best = (0..<13).filter { $0 != center && $0 != vertex }
            .map { bound.rigidMotionSingularValue(origin: center, axis: vertex, plane: $0) }.max()!
        #expect(collinear < 1e-3 * best)
        #expect(bound.inverseHessianBound(origin: center, axis: vertex, plane: opposite) > 1e4 / bound.smallestNonzeroEigenvalue)
    }

    @Test func theChosenFrameIsTheBestOfTheRankedOnes() throws {
        let positions = try clusterPositions(13)
        let choice = try FrameSelection.choose(positions: positions, limit: 6, gradientTolerance: 1e-6, threads: 1)
        #expect(choice.ranked == 13 * 12 * 11)
        #expect(choice.candidates == 6)
        let bound = try #require(choice.inverseHessianBound)
        #expect(bound >= choice.inverseHessianNorm)
    }
}
