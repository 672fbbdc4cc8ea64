import BasinMath
import Testing
@testable import BasinToyModel

@Suite struct ProximityDescriptorTests {
    @Test func eigenvaluesMatchJacobiOfKnownMatrix() {
        var m: [Double] = [2, -1, 0, -1, 2, -1, 0, -1, 2]
        let values = SymmetricEigensystem.eigenvalues(of: &m, order: 3)
        let expected = [2 - 2.0.squareRoot(), 2, 2 + 2.0.squareRoot()]
        for (a, b) in zip(values, expected) { #expect(abs(a - b) < 1e-14) }
    }

    @Test func invariantToTranslationPermutationAndLatticeMoves() throws {
        let descriptor = try ProximityDescriptor(orders: [-2, -3, -4], cutoff: 6)
        for d in [2, 3] {
            let s = try spreadStructure(dimension: d, width: 2.7, particleCount: 4, seed: UInt64(d))
            let reference = descriptor.values(s)
            #expect(reference.count == 12)
            var moved = s
            moved.positions = s.positions.map { $0 + SIMD3(0.31, -0.77, d == 3 ? 1.13 : 0) }.reversed()
            moved.positions[1] += 2.7 * SIMD3(1, -1, 0)
            for (a, b) in zip(descriptor.values(moved), reference) {
                #expect(abs(a - b) <= 1e-12 * max(1, abs(b)))
            }
            // Each matrix's eigenvalues ascend; never sorted across matrices.
            for m in 0..<3 { #expect(reference[(4 * m)..<(4 * m + 4)].elementsEqual(reference[(4 * m)..<(4 * m + 4)].sorted())) }
        }
    }

    @Test func continuousAlongTheDragPath() throws {
        // One particle dragged across the cell and through its boundary in small steps.
        let descriptor = try ProximityDescriptor(orders: [-2, -3], cutoff: 4)
        var s = try spreadStructure(dimension: 2, width: 3, particleCount: 3, seed: 8)
        let steps = 600
        var previous: [Double]? = nil
        var largestJump = 0.0
        for k in 0...steps {
            s.positions[0] = SIMD3(6 * Double(k) / Double(steps) - 1.5, 1.4, 0)
            let values = descriptor.values(s)
            if let previous {
                let scale = values.map(abs).max()!
                largestJump = max(largestJump, zip(values, previous).map { abs($0 - $1) / scale }.max()!)
            }
            previous = values
        }
        // Steps of w/300 change no eigenvalue by more than a few per cent of the largest.
        #expect(largestJump < 0.05)
    }

    @Test func badOrdersThrow() {
        #expect(throws: ToyModelError.invalidOrder(-1)) { try ProximityDescriptor(orders: [-2, -1]) }
        #expect(throws: ToyModelError.invalidOrder(2)) { try ProximityDescriptor(orders: [2]) }
        #expect(throws: ToyModelError.self) { try ProximityDescriptor(orders: [-2], cutoff: 0) }
    }
}
