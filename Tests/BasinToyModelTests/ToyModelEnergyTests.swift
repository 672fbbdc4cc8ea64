import BasinMath
import Testing
@testable import BasinToyModel

@Suite struct ToyModelEnergyTests {
    /// (d, w, N_p, seed) cases that include a cell narrower than the triplet reach.
    static let cases: [(Int, Double, Int, UInt64)] = [(2, 2.5, 4, 1), (2, 3.7, 3, 2), (3, 2.6, 3, 3), (3, 3.4, 4, 4)]

    @Test(arguments: EnergyMode.allCases)
    func gradientMatchesCentralDifferences(_ mode: EnergyMode) throws {
        let model = ToyModel(mode: mode)
        let ws = ToyWorkspace()
        for (d, w, n, seed) in Self.cases {
            let s = try spreadStructure(dimension: d, width: w, particleCount: n, seed: seed)
            let depth = mode == .thesis ? 1 : nil
            var gradient: [SIMD3<Double>] = []
            let e = model.energyPerParticle(s, depth: depth, gradient: &gradient, workspace: ws)
            #expect(close(e, model.energyPerParticle(s, depth: depth, workspace: ws), relative: 1e-14))
            let scale = gradient.map { max(abs($0.x), abs($0.y), abs($0.z)) }.max()!
            let h = 1e-5
            for i in 0..<n {
                for axis in 0..<d {
                    var plus = s, minus = s
                    plus.positions[i][axis] += h
                    minus.positions[i][axis] -= h
                    let numeric = (model.energyPerParticle(plus, depth: depth, workspace: ws)
                        - model.energyPerParticle(minus, depth: depth, workspace: ws)) / (2 * h)
                    #expect(abs(numeric - gradient[i][axis]) <= 1e-7 * scale, "d=\(d) w=\(w) i=\(i) axis=\(axis)")
                }
                if d == 2 { #expect(gradient[i].z == 0) }
            }
        }
    }

    @Test func periodicEnergyIsInvariant() throws {
        let model = ToyModel(mode: .periodic)
        let ws = ToyWorkspace()
        for (d, w, n, seed) in Self.cases {
            let s = try spreadStructure(dimension: d, width: w, particleCount: n, seed: seed)
            let e = model.energyPerParticle(s, workspace: ws)
            #expect(e != 0)
            func check(_ t: ToyStructure, _ what: String) {
                #expect(close(model.energyPerParticle(t, workspace: ws), e, relative: 1e-12), "\(what), d=\(d) w=\(w)")
            }
            var translated = s
            let shift = SIMD3(0.37, -1.91, d == 3 ? 0.73 : 0)
            for i in 0..<n { translated.positions[i] += shift }
            check(translated, "translation")
            var moved = s
            moved.positions[0] += w * SIMD3(1, -2, d == 3 ? 3 : 0)
            moved.positions[n - 1].x -= w
            check(moved, "lattice moves")
            var permuted = s
            permuted.positions.reverse()
            permuted.positions.swapAt(0, n / 2)
            check(permuted, "permutation")
            let operations: [(SIMD3<Double>) -> SIMD3<Double>] = d == 2
                ? [{ SIMD3(-$0.y, $0.x, 0) }, { SIMD3(-$0.x, $0.y, 0) }, { SIMD3($0.y, $0.x, 0) }, { SIMD3(-$0.x, -$0.y, 0) }]
                : [{ SIMD3($0.y, $0.z, $0.x) }, { SIMD3(-$0.x, $0.y, $0.z) }, { SIMD3(-$0.y, $0.x, $0.z) }, { SIMD3($0.x, -$0.z, $0.y) }]
            for (k, operation) in operations.enumerated() {
                var image = s
                image.positions = s.positions.map(operation)
                check(image, "cell symmetry \(k)")
            }
        }
    }

    @Test func periodicEnergyIsConvergedAtAutomaticDepth() throws {
        let model = ToyModel(mode: .periodic)
        let ws = ToyWorkspace()
        for (d, w, n, seed) in Self.cases + [(2, 0.9, 2, 5), (3, 1.3, 2, 6)] {
            let s = try spreadStructure(dimension: d, width: w, particleCount: n, seed: seed, minimumDistance: min(0.85, w * 0.6))
            let depth = model.automaticDepth(width: w)
            let e = model.energyPerParticle(s, workspace: ws)
            let deeper = model.energyPerParticle(s, depth: depth + 1, workspace: ws)
            #expect(abs(deeper - e) < 1e-12, "d=\(d) w=\(w)")
        }
    }

    @Test func modesAgreeForIsolatedParticlesAndDifferOtherwise() throws {
        let ws = ToyWorkspace()
        // In a wide cell only central-cell terms exist, which both modes weight alike.
        let wide = try ToyStructure(dimension: 2, width: 20, coordinates: [[1, 1], [2.1, 1.2], [1.4, 2.0]])
        let p = ToyModel(mode: .periodic).energyPerParticle(wide, workspace: ws)
        let t = ToyModel(mode: .thesis).energyPerParticle(wide, depth: 1, workspace: ws)
        #expect(close(p, t, relative: 1e-14))
        // Two particles near the boundary: triangles with two central vertices differ.
        let narrow = try spreadStructure(dimension: 2, width: 2.5, particleCount: 4, seed: 9)
        #expect(ToyModel(mode: .periodic).energyPerParticle(narrow, workspace: ws) != ToyModel(mode: .thesis).energyPerParticle(narrow, depth: 3, workspace: ws))
    }

    @Test func pairOfParticlesInWideCellHasPairEnergy() throws {
        let ws = ToyWorkspace()
        let s = try ToyStructure(dimension: 3, width: 30, coordinates: [[1, 1, 1], [2.3, 1, 1]])
        let v = ModifiedLennardJones.thesis.value(1.3)
        // One pair, weight 1/2 per pair, two particles.
        #expect(close(ToyModel().energyPerParticle(s, workspace: ws), v / 4, relative: 1e-14))
    }

    @Test func badStructuresThrow() {
        #expect(throws: ToyModelError.invalidWidth(0)) { try ToyStructure(dimension: 2, width: 0, coordinates: [[0, 0]]) }
        #expect(throws: ToyModelError.invalidWidth(-1)) { try ToyStructure(dimension: 2, width: -1, coordinates: [[0, 0]]) }
        #expect(throws: ToyModelError.noParticles) { try ToyStructure(dimension: 2, width: 1, coordinates: []) }
        #expect(throws: ToyModelError.invalidDimension(4)) { try ToyStructure(dimension: 4, width: 1, coordinates: [[0, 0, 0, 0]]) }
        #expect(throws: ToyModelError.self) { try ToyStructure(dimension: 3, width: 1, coordinates: [[0, 0]]) }
    }
}

@Suite struct ImageLimitTests {
    @Test func narrowCellsAreRefusedBeforeTheyExhaustMemory() throws {
        let tiny = try ToyStructure(dimension: 3, width: 0.01, coordinates: [[0, 0, 0]])
        #expect(throws: ToyModelError.tooManyImages(width: 0.01, depth: 301, dimension: 3)) { try ToyModel().checkImages(tiny, depth: nil) }
        #expect(throws: ToyModelError.self) { try ProximityDescriptor(orders: [-2]).checkImages(tiny) }
        #expect(throws: ToyModelError.self) {
            try DatabaseSettings(widthStart: 0.01, widthEnd: 1, widthCount: 2, pointsPerWidth: 1, dimension: 3, relaxation: Relaxation())
        }
        let usual = try ToyStructure(dimension: 3, width: 2.5, coordinates: [[0, 0, 0]])
        try ToyModel().checkImages(usual, depth: nil)
        try ProximityDescriptor(orders: [-2]).checkImages(usual)
    }

    @Test func depthsBeyondAnyIntegerAreRefusedNotTrapped() throws {
        #expect(ImageLimit.depth(roundingUp: 2.2) == 3)
        for vast in [1e308, .infinity, .nan] { #expect(ImageLimit.depth(roundingUp: vast) == 1_000_000_000) }
        let usual = try ToyStructure(dimension: 2, width: 2.5, coordinates: [[0, 0]])
        #expect(throws: ToyModelError.self) { try ImageLimit.check(width: 2.5, depth: .max, dimension: 3) }
        #expect(throws: ToyModelError.self) { try ProximityDescriptor(orders: [-2], cutoff: 1e308).checkImages(usual) }
        var generator = SeededGenerator(seed: 1)
        #expect(throws: ToyModelError.self) {
            try ToyStructure.random(dimension: 2, width: 2, particleCount: .max, using: &generator)
        }
    }
}
