import Testing
@testable import BasinToyModel

@Suite struct ModifiedLennardJonesTests {
    @Test func minimumIsThesisValue() throws {
        let v = try ModifiedLennardJones(exponent: 6, cutoff: 2)
        // Golden-section search for the minimum on [0.9, 1.2].
        var (a, b) = (0.9, 1.2)
        let g = (5.0.squareRoot() - 1) / 2
        for _ in 0..<200 {
            let c = b - g * (b - a), d = a + g * (b - a)
            if v.value(c) < v.value(d) { b = d } else { a = c }
        }
        let minimum = v.value((a + b) / 2)
        #expect(abs(minimum - -0.877) < 5e-4)
        #expect(abs(v.value(1) - -0.8767) < 1e-4)
    }

    @Test func valueAndSlopeVanishAtCutoff() throws {
        let v = try ModifiedLennardJones(exponent: 6, cutoff: 2.5, characteristicDistance: 1.1, characteristicEnergy: 0.7)
        let below = v.valueAndSlope(2.5 - 1e-9)
        #expect(abs(below.value) < 1e-15 && abs(below.slope) < 1e-9)
        #expect(v.valueAndSlope(2.5) == (0, 0))
        #expect(v.valueAndSlope(3) == (0, 0))
    }

    @Test func slopeMatchesFiniteDifference() throws {
        let v = try ModifiedLennardJones(exponent: 5, cutoff: 2.2, characteristicDistance: 0.9, characteristicEnergy: 1.3)
        let h = 1e-6
        for s in stride(from: 0.8, to: 2.1, by: 0.1) {
            let numeric = (v.value(s + h) - v.value(s - h)) / (2 * h)
            #expect(close(v.valueAndSlope(s).slope, numeric, relative: 1e-7, floor: 1e-3))
        }
    }

    @Test func badParametersThrow() {
        #expect(throws: ToyModelError.cutoffNotBeyondMinimum(cutoff: 1, minimum: 1)) { try ModifiedLennardJones(cutoff: 1) }
        #expect(throws: ToyModelError.self) { try ModifiedLennardJones(exponent: 0) }
    }
}
