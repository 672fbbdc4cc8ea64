import BasinAtoms
import BasinMath
import BasinOptimize
import BasinPaths
import BasinPotentials
import Foundation
import Testing

/// A vacancy hop in a periodic Lennard-Jones crystal, and the finite-difference Hessian that
/// potentials without an analytic one use.
@Suite struct PeriodicBandTests {
    /// fcc LJ, 2 × 2 × 2 cells, cutoff 2.5 σ, the atom at the origin removed.
    func crystal() throws -> (PotentialEnergySurface, Configuration) {
        var configuration = try Lattice.fcc.build(element: .dummy("X").withMass(1), latticeConstant: 1.55, cells: SIMD3(2, 2, 2), units: .lennardJones)
        configuration.positions.removeFirst()
        configuration.species.removeFirst()
        configuration.masses.removeFirst()
        let surface = PotentialEnergySurface(configuration: configuration, calculator: Calculator(potential: try LennardJones(cutoff: 2.5)))
        return (surface, configuration)
    }

    @Test func finiteDifferenceHessianMatchesTheAnalyticOne() throws {
        var (surface, configuration) = try crystal()
        var x = BandEnds.coordinates(configuration.positions)
        for k in x.indices { x[k] += 0.02 * sin(Double(k) * 1.7) }
        let analytic = try surface.hessian(at: x)
        let numeric = try PotentialEnergySurface.centralDifferenceHessian(of: &surface, at: x, step: 1e-4)
        let scale = analytic.storage.map(abs).max()!
        for (a, b) in zip(analytic.storage, numeric.storage) { #expect(abs(a - b) <= 1e-6 * scale) }
        // Three translations, no rotations, in a periodic cell.
        #expect(surface.symmetryModes(at: x).count == 3)
    }

    @Test func vacancyHopThroughTheSaddle() throws {
        let (surface, configuration) = try crystal()
        let start = try ClusterFixtures.minimum(surface, near: BandEnds.coordinates(configuration.positions))
        // Atom 0 (the former (0, ½, ½)a) jumps into the vacancy at the origin.
        var moved = configuration
        moved.positions[0] = .zero
        let end = try ClusterFixtures.minimum(surface, near: BandEnds.coordinates(moved.positions))
        #expect(abs(start.value - end.value) < 1e-8)
        let images = BandInterpolation.idpp.images(from: start.point, to: end.point, count: 3, cell: configuration.cell)
        let search = BandSearch(climbing: StoppingCriteria(maximumForce: 1e-3, maximumSteps: 5000))
        let result = try search.run(on: surface, from: start, to: end, images: images)
        let saddle = try #require(result.saddle)
        let check = try #require(result.check)
        #expect(saddle.converged && check.isVerified)
        #expect(abs(result.highestEnergy - saddle.value) < 1e-8)
        // The hop is symmetric: the saddle lies halfway, so the climbing image is the middle one.
        #expect(result.highestImage == 2)
        #expect(saddle.value - start.value > 0.5)
    }
}
