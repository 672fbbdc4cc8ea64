import BasinAtoms
import BasinDescriptors
import BasinMath
import Foundation
import Testing

/// Generated sets: the documented grids, n2p2 order, and a clean round trip through input.nn text.
@Suite struct GeneratorTests {
    let h = Fixtures.hydrogen, o = Fixtures.oxygen

    @Test func defaultCountsAndValues() throws {
        let generator = SymmetryFunctionGenerator()
        #expect(generator.zetas == [1, 2, 4, 8, 16])
        let set = generator.set(central: o, elements: [o, h, o], shortest: 0.9, cutoff: 6)
        // 6 shifted + 6 centred per neighbor element, 2 η × 5 ζ × 2 λ per pair {HH, HO, OO}.
        #expect(set.functions.count == 2 * 12 + 3 * 20)
        #expect(set.functions == set.functions.sorted(by: SymmetryFunction.precedes))
        let radial = set.functions.compactMap { f -> RadialSymmetryFunction? in
            if case .radial(let g) = f, g.neighbor == h { g } else { nil }
        }
        let spacing = 5.1 / 6
        let shifted = radial.filter { $0.shift > 0 }.sorted { $0.shift < $1.shift }
        #expect(shifted.count == 6)
        for (k, g) in shifted.enumerated() {
            #expect(abs(g.shift - (0.9 + Double(k) * spacing)) < 1e-12)
            #expect(abs(g.eta - 1 / (2 * spacing * spacing)) < 1e-12)
            #expect(g.cutoff == CutoffFunction(kind: .polynomial2, radius: 6))
        }
        let widths = radial.filter { $0.shift == 0 }.map { (1 / (2 * $0.eta)).squareRoot() }.sorted()
        #expect(widths.count == 6)
        #expect(abs(widths[0] - 0.9) < 1e-12 && abs(widths[5] - 6) < 1e-12)
        for k in 1..<6 { #expect(abs(widths[k] / widths[k - 1] - pow(6 / 0.9, 0.2)) < 1e-12) }
        let angular = set.functions.compactMap { f -> AngularSymmetryFunction? in
            if case .angular(let g) = f { g } else { nil }
        }
        #expect(angular.allSatisfy { !$0.isWide && $0.shift == 0 })
        #expect(Set(angular.map(\.lambda)) == [-1, 1])
        #expect(Set(angular.map { "\($0.e1.symbol)\($0.e2.symbol)" }) == ["HH", "HO", "OO"])
        #expect(Set(angular.map(\.eta)).count == 2)
    }

    @Test func optionsChangeTheGrid() {
        let generator = SymmetryFunctionGenerator(
            shiftedCount: 3, centredCount: 1, angularWidthCount: 1, zetaMax: 5, wideAngular: true, cutoffKind: .cosine, alpha: 0.1)
        #expect(generator.zetas == [1, 2, 4])
        let set = generator.set(central: h, elements: [h], shortest: 1, cutoff: 4)
        #expect(set.functions.count == 4 + 1 * 3 * 2)
        #expect(set.functions.filter { $0.typeCode == 9 }.count == 6)
        #expect(set.functions.allSatisfy { $0.cutoff == CutoffFunction(kind: .cosine, radius: 4, alpha: 0.1) })
    }

    @Test func roundTripThroughSettingsText() throws {
        let generator = SymmetryFunctionGenerator(cutoffKind: .cosine, alpha: 0.05)
        let sets = [h, o].map { generator.set(central: $0, elements: [h, o], shortest: 0.95, cutoff: 6.35) }
        let text = SymmetryFunctionSet.settings(sets)
        let back = try SymmetryFunctionSet.parse(settings: text)
        #expect(back == sets)
        #expect(SymmetryFunctionSet.settings(back) == text)
    }

    @Test func distanceRange() {
        let c = Fixtures.cluster()
        var shortest = Double.infinity, longest = 0.0
        for i in 0..<c.count {
            for j in (i + 1)..<c.count {
                let d = c.positions[j] - c.positions[i], r = (d * d).sum().squareRoot()
                shortest = min(shortest, r)
                longest = max(longest, r)
            }
        }
        let range = DistanceRange([c])
        #expect(range.shortest == shortest && range.longest == longest)
        // A one-atom periodic cell: the atom's own image is the only neighbor.
        let cell = Cell(vectors: Matrix3(rows: SIMD3(2.5, 0, 0), SIMD3(0, 3, 0), SIMD3(0, 0, 4)))
        let single = Configuration(positions: [SIMD3(0.1, 0.2, 0.3)], species: [0], elements: [h], cell: cell)
        #expect(DistanceRange([single]).shortest == 2.5)
    }
}
