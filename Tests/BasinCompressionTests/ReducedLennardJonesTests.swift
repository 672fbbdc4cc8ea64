import BasinMath
import Testing

@testable import BasinCompression

@Suite struct ReducedLennardJonesTests {
    @Test func theFramePutsAtomsOneTwoThreeOnTheAxes() throws {
        let positions = try clusterPositions(7)
        let frame = try ReducedFrame(atomCount: 7, origin: 3, axis: 5, plane: 0)
        let x = try frame.coordinates(of: positions)
        #expect(x.count == 15)
        let back = frame.positions(from: x)
        #expect(back[3] == .zero)
        #expect(back[5].y == 0 && back[5].z == 0)
        #expect(back[0].z == 0)
        // Distances survive the change of frame.
        for (i, j) in [(0, 1), (2, 6), (3, 4)] {
            let before = ((positions[i] - positions[j]) * (positions[i] - positions[j])).sum()
            let after = ((back[i] - back[j]) * (back[i] - back[j])).sum()
            #expect(abs(before - after) < 1e-12)
        }
    }

    @Test func theEnergyIsAQuarterOfThePublishedOne() throws {
        for n in [6, 13] {
            let x = try ReducedFrame(atomCount: n, origin: 0, axis: 1, plane: 2).coordinates(of: try clusterPositions(n))
            #expect(abs(4 * ReducedLennardJones(atomCount: n).energy(x) - (try publishedEnergy(n))) < 1e-6)
        }
    }

    @Test func gradientAndHessianMatchCentralDifferences() throws {
        let n = 8
        var x = try ReducedFrame(atomCount: n, origin: 2, axis: 0, plane: 5).coordinates(of: try clusterPositions(n))
        var generator = SeededGenerator(seed: 3)
        for k in x.indices { x[k] += 0.03 * (2 * generator.uniform() - 1) }
        let problem = ReducedLennardJones(atomCount: n)
        let gradient = problem.gradient(x)
        let hessian = problem.hessian(x, threads: 2)
        let h = 1e-5
        var worstGradient = 0.0, worstHessian = 0.0
        for k in x.indices {
            var plus = x, minus = x
            plus[k] += h
            minus[k] -= h
            let numeric = (problem.energy(plus) - problem.energy(minus)) / (2 * h)
            worstGradient = max(worstGradient, abs(numeric - gradient[k]) / max(1, abs(gradient[k])))
            let gPlus = problem.gradient(plus), gMinus = problem.gradient(minus)
            for j in x.indices {
                let column = (gPlus[j] - gMinus[j]) / (2 * h)
                worstHessian = max(worstHessian, abs(column - hessian[j, k]) / max(1, abs(hessian[j, k])))
            }
        }
        #expect(worstGradient < 1e-6)
        #expect(worstHessian < 1e-5)
        #expect(hessian.asymmetry == 0)
        #expect(Vectors.norm(gradient) > 0.1, "the test point is off the minimum")
    }

    @Test func twoAtomsHaveOneVariableTheDistance() throws {
        let frame = try ReducedFrame(atomCount: 2, origin: 1, axis: 0, plane: nil)
        let x = try frame.coordinates(of: [SIMD3(1, 1, 1), SIMD3(1, 1, 2.5)])
        #expect(x == [1.5])
        let problem = ReducedLennardJones(atomCount: 2)
        let d = 1.5
        #expect(abs(problem.hessian(x)[0, 0] - DiatomicRadii.secondDerivative(d)) < 1e-12)
    }
}
