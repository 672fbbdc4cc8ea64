import BasinMath
import Testing

@testable import BasinCompression

@Suite struct NewtonTests {
    @Test(arguments: [6, 7, 9, 13])
    func newtonConvergesQuadraticallyNearEachMinimum(atoms n: Int) throws {
        let target = try ReducedFrame(atomCount: n, origin: 0, axis: 1, plane: 2).coordinates(of: try clusterPositions(n))
        var start = target
        var generator = SeededGenerator(seed: UInt64(n))
        for k in start.indices { start[k] += 0.01 * (2 * generator.uniform() - 1) }
        let newton = NewtonIteration(problem: ReducedLennardJones(atomCount: n), target: target)
        let result = newton.run(from: start)
        #expect(result.outcome == .converged)
        // e_{k+1} ≤ C e_k² while the error is above the rounding floor.
        let errors = result.errors
        var checked = 0
        for k in 0..<(errors.count - 1) where errors[k] > 1e-6 && errors[k + 1] > 1e-12 {
            #expect(errors[k + 1] <= 100 * errors[k] * errors[k], "errors \(errors)")
            checked += 1
        }
        #expect(checked >= 1)
        #expect(errors.last! < 1e-9)
    }

    @Test func aPreconditionedSolveGivesTheSameIterates() throws {
        let n = 10
        let target = try ReducedFrame(atomCount: n, origin: 0, axis: 1, plane: 2).coordinates(of: try clusterPositions(n))
        let problem = ReducedLennardJones(atomCount: n)
        let factor = try CholeskyFactorization(problem.hessian(target))
        var start = target
        start[4] += 0.02
        start[10] -= 0.015
        let direct = NewtonIteration(problem: problem, target: target).run(from: start)
        let preconditioned = NewtonIteration(problem: problem, target: target, preconditioner: factor).run(from: start)
        #expect(preconditioned.outcome == .converged)
        #expect(preconditioned.iterations == direct.iterations)
        for (a, b) in zip(direct.errors, preconditioned.errors) { #expect(abs(a - b) <= 1e-9 * max(a, 1e-6)) }
    }

    @Test func aStartFarAwayDoesNotClaimTheTarget() throws {
        let n = 7
        let target = try ReducedFrame(atomCount: n, origin: 0, axis: 1, plane: 2).coordinates(of: try clusterPositions(n))
        let start = SignificantBitRounding.nearest.apply(target, bits: 0)
        let result = NewtonIteration(problem: ReducedLennardJones(atomCount: n), target: target).run(from: start)
        #expect(result.outcome != .converged)
    }

    @Test func atomsFlyingApartAreReportedAsDiverged() throws {
        // Two atoms far beyond the minimum distance: the Newton step on V″ < 0 pushes them apart.
        let problem = ReducedLennardJones(atomCount: 2)
        let result = NewtonIteration(problem: problem, target: [DiatomicRadii.minimumDistance]).run(from: [1.6])
        #expect(result.outcome == .diverged)
    }
}
