import BasinMath
import Testing
@testable import BasinToyModel

@Suite struct RelaxationTests {
    @Test(arguments: Relaxation.Move.allCases)
    func relaxationNeverRaisesTheEnergy(_ move: Relaxation.Move) throws {
        let model = ToyModel(mode: .periodic), ws = ToyWorkspace()
        var generator = SeededGenerator(seed: 3)
        var s = try ToyStructure.random(dimension: 2, width: 3, particleCount: 4, using: &generator)
        let before = model.energyPerParticle(s, workspace: ws)
        let rule = try Relaxation(epochs: 30, maxStep: 0.2, move: move)
        let rates = rule.run(&s, model: model, using: &generator, workspace: ws)
        #expect(rates.count == 30 && rates.allSatisfy { (0...1).contains($0) })
        #expect(rates.contains { $0 > 0 })
        #expect(model.energyPerParticle(s, workspace: ws) < before)
        #expect(s.positions.allSatisfy { p in (0..<2).allSatisfy { p[$0] >= 0 && p[$0] < 3 } && p.z == 0 })
    }

    @Test func movesRespectTheLargestStep() throws {
        var generator = SeededGenerator(seed: 4)
        for move in Relaxation.Move.allCases {
            let rule = try Relaxation(epochs: 1, maxStep: 0.3, move: move)
            for _ in 0..<1000 {
                let step = rule.step(dimension: 3, using: &generator)
                let size = move == .cube ? max(abs(step.x), abs(step.y), abs(step.z)) : (step * step).sum().squareRoot()
                #expect(size <= 0.3)
            }
        }
    }

    @Test func badSettingsThrow() {
        #expect(throws: ToyModelError.self) { try Relaxation(epochs: -1) }
        #expect(throws: ToyModelError.self) { try Relaxation(maxStep: 0) }
    }
}

@Suite struct DatabaseGeneratorTests {
    func settings(keep: Double = 1, seed: UInt64 = 5) throws -> DatabaseSettings {
        try DatabaseSettings(
            widthStart: 2.5, widthEnd: 5, widthCount: 3, pointsPerWidth: 20, particleCount: 3, dimension: 2,
            relaxation: Relaxation(epochs: 12, maxStep: 0.1), keptFraction: keep, seed: seed)
    }

    @Test func recordsDoNotDependOnThreadsAndFollowTheSeed() throws {
        let one = try DatabaseGenerator.generate(try settings(), threads: 1)
        let two = try DatabaseGenerator.generate(try settings(), threads: 2)
        #expect(one == two)
        #expect(one.records.count == 60)
        #expect(Set(one.records.map(\.width)) == [2.5, 3.75, 5])
        let other = try DatabaseGenerator.generate(try settings(seed: 6), threads: 2)
        #expect(other.records != one.records)
        // Each record's energy is the model's at its depth.
        let model = ToyModel(), ws = ToyWorkspace()
        for r in one.records.prefix(5) {
            #expect(model.energyPerParticle(try r.structure(dimension: 2), depth: r.depth, workspace: ws) == r.energyPerParticle)
        }
    }

    @Test func percentileCutDropsTheHighestEnergiesPerWidth() throws {
        let all = try DatabaseGenerator.generate(try settings(), threads: 2)
        let cut = try DatabaseGenerator.generate(try settings(keep: 0.8), threads: 2)
        #expect(cut.records.count == 3 * 16)
        for width in [2.5, 3.75, 5] {
            let kept = cut.records.filter { $0.width == width }.map(\.energyPerParticle)
            let every = all.records.filter { $0.width == width }.map(\.energyPerParticle).sorted()
            #expect(kept.max()! < every[16])
        }
        let summary = DatabaseSummary(cut)
        #expect(summary.rows.map(\.count) == [16, 16, 16])
        #expect(summary.rows.allSatisfy { $0.minimumEnergy <= $0.meanEnergy && $0.meanEnergy <= $0.maximumEnergy })
    }

    @Test func quantileInterpolatesLinearly() {
        #expect(DatabaseGenerator.quantile([4, 1, 3, 2], 0.5) == 2.5)
        #expect(DatabaseGenerator.quantile([1, 2, 3, 4, 5], 0.9) == 4.6)
    }

    @Test func badSettingsThrow() throws {
        let r = try Relaxation()
        #expect(throws: ToyModelError.invalidWidth(0)) { try DatabaseSettings(widthStart: 0, widthEnd: 1, widthCount: 2, pointsPerWidth: 1, relaxation: r) }
        #expect(throws: ToyModelError.noParticles) { try DatabaseSettings(widthStart: 1, widthEnd: 2, widthCount: 2, pointsPerWidth: 1, particleCount: 0, relaxation: r) }
        #expect(throws: ToyModelError.invalidDimension(1)) { try DatabaseSettings(widthStart: 1, widthEnd: 2, widthCount: 2, pointsPerWidth: 1, dimension: 1, relaxation: r) }
        #expect(throws: ToyModelError.self) { try DatabaseSettings(widthStart: 1, widthEnd: 2, widthCount: 2, pointsPerWidth: 1, relaxation: r, keptFraction: 0) }
    }
}

@Suite struct StaleImageTests {
    @Test func staleImagesOfTheCurrentPositionsAreTheThesisEnergy() throws {
        let model = ToyModel(mode: .thesis), ws = ToyWorkspace()
        let s = try spreadStructure(dimension: 2, width: 2.5, particleCount: 4, seed: 11)
        let e = model.energyPerParticle(s, depth: 2, workspace: ws)
        #expect(model.thesisEnergyPerParticle(s, imagePositions: s.positions, depth: 2, workspace: ws) == e)
        // Moving a particle with frozen images changes the central-cell terms only.
        var moved = s
        moved.positions[0] += SIMD3(0.05, -0.03, 0)
        let frozen = model.thesisEnergyPerParticle(moved, imagePositions: s.positions, depth: 2, workspace: ws)
        #expect(frozen != model.energyPerParticle(moved, depth: 2, workspace: ws))
        #expect(frozen != e)
    }

    @Test func staleImagesChangeTheRelaxationAndNeedThesisMode() throws {
        var generator = SeededGenerator(seed: 12)
        let start = try ToyStructure.random(dimension: 2, width: 2.5, particleCount: 4, using: &generator)
        let model = ToyModel(mode: .thesis), ws = ToyWorkspace()
        var fresh = start, stale = start
        var g1 = SeededGenerator(seed: 13), g2 = SeededGenerator(seed: 13)
        let a = try Relaxation(epochs: 20, maxStep: 0.1, move: .cube, depth: 1).run(&fresh, model: model, using: &g1, workspace: ws)
        let b = try Relaxation(epochs: 20, maxStep: 0.1, move: .cube, depth: 1, staleImages: true).run(&stale, model: model, using: &g2, workspace: ws)
        #expect(a != b || fresh != stale)
        #expect(throws: ToyModelError.self) { try Relaxation(staleImages: true).validate(for: .periodic) }
        #expect(throws: ToyModelError.self) {
            try DatabaseSettings(widthStart: 3, widthEnd: 3, widthCount: 1, pointsPerWidth: 1, mode: .periodic, relaxation: Relaxation(staleImages: true))
        }
    }
}
