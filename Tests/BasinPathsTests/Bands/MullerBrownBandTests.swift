import BasinOptimize
import BasinPaths
import Foundation
import Testing

@Suite struct MullerBrownBandTests {
    let surface = MullerBrown()

    @Test func gradientAndHessianMatchFiniteDifferences() {
        let s = surface
        for p in [[-0.5, 1.2], [0.1, 0.4], [-0.8, 0.6]] {
            var g = [0.0, 0.0], plus = g, minus = g
            _ = s.evaluate(at: p, gradient: &g)
            let h = s.hessian(at: p)
            for a in 0..<2 {
                var up = p, down = p
                up[a] += 1e-6
                down[a] -= 1e-6
                let numeric = (s.evaluate(at: up, gradient: &plus) - s.evaluate(at: down, gradient: &minus)) / 2e-6
                #expect(abs(numeric - g[a]) <= 1e-6 * max(1, abs(g[a])))
                for b in 0..<2 {
                    let second = (plus[b] - minus[b]) / 2e-6
                    #expect(abs(second - h[a, b]) <= 1e-5 * max(1, abs(h[a, b])))
                }
            }
        }
    }

    /// A hand-made band whose middle image sits on a slope, one at an energy maximum.
    func band(_ settings: BandSettings) -> NudgedElasticBand<MullerBrown> {
        let a = surface.minimum(near: [-0.55, 1.45]), c = surface.minimum(near: [-0.05, 0.47])
        return NudgedElasticBand(
            start: a.point, startEnergy: a.value, end: c.point, endEnergy: c.value,
            surfaces: Array(repeating: surface, count: 3), settings: settings)
    }
    let imagePoints = [[-0.7, 1.2], [-0.8, 0.7], [-0.4, 0.55]]

    @Test func forcesAreNudged() throws {
        let k = 7.0
        var neb = band(BandSettings(springConstant: k))
        var gradient = [Double](repeating: 0, count: neb.dimension)
        _ = try neb.evaluate(at: imagePoints.flatMap { $0 }, gradient: &gradient)
        for i in 1...3 {
            let tangent = neb.tangents[i - 1], g = neb.trueGradients[i - 1]
            #expect(abs(tangent.dot(tangent) - 1) < 1e-14)
            let force = [-gradient[2 * (i - 1)], -gradient[2 * (i - 1) + 1]]
            let forward = hypot(neb.images[i + 1][0] - neb.images[i][0], neb.images[i + 1][1] - neb.images[i][1])
            let backward = hypot(neb.images[i][0] - neb.images[i - 1][0], neb.images[i][1] - neb.images[i - 1][1])
            // Along τ̂: the spring alone; across τ̂: the true force alone.
            #expect(abs(force.dot(tangent) - k * (forward - backward)) < 1e-10)
            let along = g.dot(tangent)
            for a in 0..<2 {
                let perpendicularTrue = -g[a] + along * tangent[a]
                #expect(abs((force[a] - force.dot(tangent) * tangent[a]) - perpendicularTrue) < 1e-9)
            }
        }
        // Image 1 lies between the low end A and the higher image 2: its tangent points forward.
        let energies = neb.energies
        if energies[2] > energies[1], energies[1] > energies[0] {
            let d = [neb.images[2][0] - neb.images[1][0], neb.images[2][1] - neb.images[1][1]]
            let length = hypot(d[0], d[1])
            #expect(abs(neb.tangents[0][0] - d[0] / length) < 1e-14 && abs(neb.tangents[0][1] - d[1] / length) < 1e-14)
        }
    }

    @Test func climbingImageInvertsItsTangentialForce() throws {
        var neb = band(BandSettings(springConstant: 7, climbing: true))
        var gradient = [Double](repeating: 0, count: neb.dimension)
        _ = try neb.evaluate(at: imagePoints.flatMap { $0 }, gradient: &gradient)
        let i = try #require(neb.climbingImage)
        #expect(neb.energies[i] == neb.energies[1...3].max())
        let tangent = neb.tangents[i - 1], g = neb.trueGradients[i - 1]
        let force = [-gradient[2 * (i - 1)], -gradient[2 * (i - 1) + 1]]
        #expect(abs(force.dot(tangent) - g.dot(tangent)) < 1e-10)
        let along = g.dot(tangent)
        for a in 0..<2 { #expect(abs((force[a] - force.dot(tangent) * tangent[a]) - (-g[a] + along * tangent[a])) < 1e-9) }
    }

    @Test func doublyNudgedForceIsOrthogonalToTangentAndTrueForce() throws {
        // In two dimensions the extra force, perpendicular to τ̂ and to F⊥, must vanish.
        var plain = band(BandSettings(springConstant: 7))
        var doubly = band(BandSettings(springConstant: 7, doublyNudged: true))
        var g1 = [Double](repeating: 0, count: plain.dimension), g2 = g1
        _ = try plain.evaluate(at: imagePoints.flatMap { $0 }, gradient: &g1)
        _ = try doubly.evaluate(at: imagePoints.flatMap { $0 }, gradient: &g2)
        for (a, b) in zip(g1, g2) { #expect(abs(a - b) < 1e-9) }
    }

    /// A climbing band of 7 straight-line images from A to C.
    func bandFromAToC() -> (BandSearch, StationaryPoint, StationaryPoint, [[Double]]) {
        let a = surface.minimum(near: [-0.55, 1.45]), c = surface.minimum(near: [-0.05, 0.47])
        let images = (1...7).map { k in zip(a.point, c.point).map { $0 + Double(k) / 8 * ($1 - $0) } }
        let search = BandSearch(
            settings: BandSettings(springConstant: 50), fire: FIRE(maximumStep: 0.02),
            relaxation: StoppingCriteria(maximumForce: 5, maximumSteps: 2000),
            climbing: StoppingCriteria(maximumForce: 1e-4, maximumSteps: 20_000))
        return (search, a, c, images)
    }

    @Test func climbingBandFindsTheSaddleBetweenAAndC() throws {
        let (search, a, c, images) = bandFromAToC()
        let result = try search.run(on: surface, from: a, to: c, images: images)
        #expect(result.stages.allSatisfy { $0.stopReason == .converged })
        let saddle = try #require(result.saddle)
        let check = try #require(result.check)
        #expect(abs(saddle.point[0] - -0.822) < 1e-3 && abs(saddle.point[1] - 0.624) < 1e-3)
        #expect(abs(saddle.value - -40.665) < 1e-3)
        #expect(abs(result.highestEnergy - saddle.value) < 1e-8)
        #expect(check.isVerified)
        #expect(check.lowestEigenvalues[0] < 0 && check.lowestEigenvalues[1] > 0)
    }

    @Test func doublyNudgedBandConvergesFromAToB() throws {
        let a = surface.minimum(near: [-0.55, 1.45]), b = surface.minimum(near: [0.62, 0.03])
        let images = (1...11).map { k in zip(a.point, b.point).map { $0 + Double(k) / 12 * ($1 - $0) } }
        let search = BandSearch(
            settings: BandSettings(springConstant: 50, doublyNudged: true), fire: FIRE(maximumStep: 0.02),
            relaxation: StoppingCriteria(maximumForce: 5, maximumSteps: 5000),
            climbing: StoppingCriteria(maximumForce: 1e-3, maximumSteps: 20_000))
        let result = try search.run(on: surface, from: a, to: b, images: images)
        // The path from A to B passes the minimum C; its highest saddle is the one next to A,
        // so the refined saddle connects A with C, not with B.
        #expect(abs(result.highestEnergy - -40.665) < 1e-3)
        let check = try #require(result.check)
        #expect(check.negativeEigenvalues == 1 && !check.connectsEnds)
    }

    @Test func imagesOnTwoThreadsGiveTheSerialBand() throws {
        var (search, a, c, images) = bandFromAToC()
        let serial = try search.run(on: surface, from: a, to: c, images: images)
        search.threads = 2
        let threaded = try search.run(on: surface, from: a, to: c, images: images, makeSurface: { MullerBrown() })
        #expect(serial.images == threaded.images && serial.energies == threaded.energies)
        #expect(serial.stages.map(\.iterations) == threaded.stages.map(\.iterations))
    }
}
