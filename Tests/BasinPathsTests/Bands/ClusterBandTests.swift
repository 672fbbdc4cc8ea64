import BasinOptimize
import BasinPaths
import BasinPotentials
import Testing

/// Climbing-image bands on cluster rearrangements: the climbing image's energy equals the saddle
/// found by eigenvector following from it to 10⁻⁸, and that saddle is verified.
@Suite struct ClusterBandTests {
    func check(_ surface: PotentialEnergySurface, from minimum: [Double], firstMode: Int = 0) throws -> BandSearchResult {
        let (first, second, direct) = try ClusterFixtures.adjacentMinima(surface, from: minimum, firstMode: firstMode)
        #expect(direct.converged)
        let images = BandInterpolation.idpp.images(from: first.point, to: second.point, count: 7)
        let search = BandSearch(climbing: StoppingCriteria(maximumForce: 1e-5, maximumSteps: 20_000))
        let result = try search.run(on: surface, from: first, to: second, images: images)
        #expect(result.stages.last?.stopReason == .converged)
        let saddle = try #require(result.saddle)
        let verification = try #require(result.check)
        #expect(saddle.converged)
        #expect(abs(result.highestEnergy - saddle.value) < 1e-8)
        #expect(verification.negativeEigenvalues == 1)
        #expect(verification.connectsEnds)
        #expect(abs(saddle.value - direct.value) < 1e-8)
        return result
    }

    @Test func lj7Rearrangement() throws {
        let surface = try ClusterFixtures.surface(LennardJones(cutoff: nil), atoms: 7)
        // The pentagonal bipyramid (−16.505384 ε) and the capped octahedron (−15.935043 ε).
        let result = try check(surface, from: ClusterFixtures.lj7)
        #expect(abs(result.energies.first! - -16.505384) < 1e-6 && abs(result.energies.last! - -15.935043) < 1e-6)
        #expect(abs(result.highestEnergy - -15.444734) < 1e-6)
    }

    @Test func lj13Rearrangement() throws {
        let surface = try ClusterFixtures.surface(LennardJones(cutoff: nil), atoms: 13)
        // The softer modes of the icosahedron lead to saddles between permutational isomers;
        // the eleventh leads to a defective icosahedron at −39.935 ε.
        let result = try check(surface, from: ClusterFixtures.lj13, firstMode: 10)
        #expect(abs(result.energies.last! - -39.935413) < 1e-6)
    }

    @Test func morse7Rearrangement() throws {
        // Morse clusters with ρ = α r₀ = 6 (Doye & Wales, J. Chem. Soc. Faraday Trans. 93, 4233 (1997)).
        let morse = try Morse(d0: 1, alpha: 6, r0: 1, cutoff: 100, units: .lennardJones)
        let surface = try ClusterFixtures.surface(morse, atoms: 7)
        let minimum = try ClusterFixtures.minimum(surface, near: ClusterFixtures.lj7.map { $0 / 1.12 })
        _ = try check(surface, from: minimum.point)
    }

    @Test func stillingerWeberSi7Rearrangement() throws {
        // Silicon (Stillinger & Weber 1985, metal units): no analytic Hessian, so saddle search
        // and verification run on central differences of the forces.
        let potential = try #require(StillingerWeber.published("Si"))
        #expect(!potential.implementedProperties.contains(.hessian))
        let surface = try ClusterFixtures.surface(potential, atoms: 7, symbol: "Si", units: .metal)
        let minimum = try ClusterFixtures.minimum(surface, near: ClusterFixtures.lj7.map { $0 * 2.2 })
        _ = try check(surface, from: minimum.point)
    }
}
