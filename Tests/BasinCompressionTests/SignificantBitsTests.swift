import Testing

@testable import BasinCompression

@Suite struct SignificantBitsTests {
    @Test func roundingToNearestKeepsTheLeadingBits() {
        let rounding = SignificantBitRounding.nearest
        // 1.75 = 1.11₂: one kept bit, the tie 1.1|1 rounds away from zero to 10.0₂ = 2.
        #expect(rounding.apply(1.75, bits: 1) == 2.0)
        #expect(rounding.apply(1.2, bits: 1) == 1.0)  // 1.0|0110… rounds down
        #expect(rounding.apply(1.375, bits: 2) == 1.5)  // 1.01|1 → 1.10
        #expect(rounding.apply(-3.0, bits: 0) == -4.0)  // −1.1₂·2¹ → −10₂·2¹
        #expect(rounding.apply(0.1, bits: 52) == 0.1)
        #expect(rounding.apply(0.0, bits: 3) == 0.0)
    }

    @Test func truncationDropsTheDiscardedBits() {
        let rounding = SignificantBitRounding.truncate
        #expect(rounding.apply(1.75, bits: 1) == 1.5)
        #expect(rounding.apply(-1.99, bits: 0) == -1.0)
    }

    @Test func theRelativeErrorStaysWithinItsBound() {
        var generator = SystemRandomNumberGenerator()
        for bits in [0, 1, 5, 12, 24, 40] {
            for rounding in SignificantBitRounding.allCases {
                let bound = rounding.maximumRelativeError(bits: bits)
                var largest = 0.0
                for _ in 0..<2000 {
                    let x = Double.random(in: -1e3...1e3, using: &generator)
                    largest = max(largest, abs(rounding.apply(x, bits: bits) - x) / abs(x))
                }
                #expect(largest <= bound * (1 + 1e-12))
                #expect(largest > bound / 4, "the bound should be nearly reached")
            }
        }
    }
}
