import BasinMath
import Testing

@testable import BasinCompression

@Suite struct AnalysisTests {
    func settings(samples: Int = 300) -> CompressionSettings {
        var settings = CompressionSettings()
        settings.samples = samples
        settings.threads = 2
        return settings
    }

    @Test(arguments: [6, 8, 13])
    func theGuaranteeHoldsAndTheShortestPathDominates(atoms n: Int) throws {
        let report = try CompressionAnalysis.run(positions: try clusterPositions(n), settings: settings())
        #expect(report.variables == 3 * n - 6)
        #expect(report.samples == 300)
        #expect(report.radius > 0.005 && report.radius < 0.2)
        #expect(report.lipschitzShortestPath >= report.lipschitzSampled)
        #expect(report.radius * report.lipschitzShortestPath <= 2 * (1 + 1e-12))
        let guaranteed = try #require(report.levels.guaranteedBits)
        #expect(report.levels.guaranteeHolds)
        #expect(report.levels.convergingBits.contains(guaranteed))
        #expect(report.levels.smallestConvergingBits! <= guaranteed)
        #expect(report.levels.trials.count == 25)
    }

    @Test func theChosenFrameBeatsAnAtomNearlyOnTheAxis() throws {
        let positions = try clusterPositions(13)
        let choice = try FrameSelection.choose(positions: positions, limit: 12, gradientTolerance: 1e-6, threads: 1)
        // The most nearly collinear third atom for the chosen atoms 1 and 2.
        let o = choice.frame.origin, a = choice.frame.axis
        let e = positions[a] - positions[o]
        func sine(_ k: Int) -> Double {
            let v = positions[k] - positions[o]
            let c = (e * v).sum() / ((e * e).sum() * (v * v).sum()).squareRoot()
            return (1 - c * c).squareRoot()
        }
        let worst = (0..<13).filter { $0 != o && $0 != a }.min { sine($0) < sine($1) }!
        let frame = try ReducedFrame(atomCount: 13, origin: o, axis: a, plane: worst)
        let problem = ReducedLennardJones(atomCount: 13)
        let factor = try CholeskyFactorization(problem.hessian(try frame.coordinates(of: positions)))
        #expect(FrameSelection.inverseNorm(factor) > choice.inverseHessianNorm)
        #expect(choice.candidates > 1)
    }

    @Test func theSampleCountFollowsTheBudget() {
        let settings = CompressionSettings()
        #expect(settings.sampleCount(variables: 3) == 1_000_000)
        #expect(settings.sampleCount(variables: 12) == 347_222)
        #expect(settings.sampleCount(variables: 414) == Int(5e7 / (414.0 * 414)))
        #expect(settings.sampleCount(variables: 2994) == 12)
    }

    @Test func aPerturbedStructureIsNotAMinimum() throws {
        var positions = try clusterPositions(7)
        positions[2].x += 0.01
        #expect {
            try CompressionAnalysis.run(positions: positions, settings: settings())
        } throws: { error in
            guard case CompressionError.notAMinimum(let norm, _)? = error as? CompressionError else { return false }
            return norm > 1e-3
        }
    }

    @Test func aSaddlePointIsRejected() throws {
        // A linear trimer at its critical spacing: bending lowers the energy.
        // d solves V′(d) + V′(2d)·2 = 0 for the two outer forces; found by bisection on the force.
        func force(_ d: Double) -> Double {
            let problem = ReducedLennardJones(atomCount: 3)
            return problem.gradient([d, 2 * d, 0])[0] + problem.gradient([d, 2 * d, 0])[1]
        }
        var lo = 1.0, hi = 1.3
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if force(lo) * force(mid) <= 0 { hi = mid } else { lo = mid }
        }
        let d = (lo + hi) / 2
        let positions: [SIMD3<Double>] = [SIMD3(0, 0, 0), SIMD3(d, 0, 0), SIMD3(2 * d, 0, 0)]
        #expect(throws: CompressionError.indefiniteHessian) {
            try CompressionAnalysis.run(positions: positions, settings: settings())
        }
    }

    @Test func aDetachedAtomMakesTheHessianSingular() throws {
        let d = DiatomicRadii.minimumDistance
        let positions: [SIMD3<Double>] = [SIMD3(0, 0, 0), SIMD3(d, 0, 0), SIMD3(0.5 * d, 0.75.squareRoot() * d, 0), SIMD3(1e4, 3e3, 2e3)]
        #expect(throws: CompressionError.singularHessian) {
            try CompressionAnalysis.run(positions: positions, settings: settings())
        }
    }

    @Test func nanCoordinatesAreNamed() throws {
        var positions = try clusterPositions(6)
        positions[4].y = .nan
        #expect(throws: CompressionError.nonFiniteCoordinates(atom: 4)) {
            try CompressionAnalysis.run(positions: positions, settings: settings())
        }
    }
}
