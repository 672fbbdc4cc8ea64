import BasinMath
import Foundation
import Testing

@Suite struct SeededGeneratorTests {
    @Test func sameSeedSameSequenceDifferentSeedDifferent() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let x = (0..<5).map { _ in a.next() }
        #expect(x == (0..<5).map { _ in b.next() })
        #expect(x != (0..<5).map { _ in c.next() })
    }

    @Test func normalDeviatesHaveUnitVariance() {
        var g = SeededGenerator(seed: 7)
        var stats = RunningStatistics()
        for _ in 0..<200_000 { stats.add(g.normal()) }
        #expect(abs(stats.mean) < 0.01)
        #expect(abs(stats.variance - 1) < 0.01)
    }

    @Test func stateSurvivesEncoding() throws {
        var g = SeededGenerator(seed: 9)
        _ = g.next()
        var copy = try JSONDecoder().decode(SeededGenerator.self, from: JSONEncoder().encode(g))
        #expect(copy.next() == g.next())
    }
}

@Suite struct Matrix3Tests {
    let m = Matrix3([2, 1, 0.5, -1, 3, 0.25, 0.3, -0.7, 4])

    @Test func inverseAndDeterminant() {
        let product = m * m.inverse
        #expect((product - .identity).maxMagnitude < 1e-14)
        #expect(abs(m.transposed.determinant - m.determinant) < 1e-12)
    }

    @Test func rotationsPreserveLengthsAndHaveUnitDeterminant() {
        let r = Matrix3.rotation(axis: SIMD3(1, 2, 3), angle: 0.7)
        #expect(abs(r.determinant - 1) < 1e-14)
        let v = SIMD3<Double>(0.3, -1.2, 2)
        #expect(abs(length(r * v) - length(v)) < 1e-14)
        #expect(((r * r.transposed) - .identity).maxMagnitude < 1e-14)
    }

    @Test func rowVectorProductIsTransposeProduct() {
        let v = SIMD3<Double>(1, -2, 0.5)
        let difference = v * m - m.transposed * v
        #expect(max(abs(difference.x), abs(difference.y), abs(difference.z)) < 1e-14)
    }
}

@Suite struct ParallelTests {
    @Test func everyIterationRunsOnce() {
        var hits = [Int](repeating: 0, count: 8)
        hits.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            concurrentForEach(8) { buffer[$0] += 1 }
        }
        #expect(hits == Array(repeating: 1, count: 8))
    }

    /// A loop inside an iteration, and loops started from several threads at once, run every
    /// iteration once (the pool is busy then, and libdispatch takes over) without deadlock.
    @Test func nestedAndSimultaneousLoopsRunEveryIterationOnce() {
        var hits = [Int](repeating: 0, count: 64)
        hits.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            concurrentForEach(4) { outer in
                for _ in 0..<50 {
                    concurrentForEach(4) { inner in buffer[outer * 16 + inner * 4] += 1 }
                }
            }
        }
        #expect(hits.enumerated().allSatisfy { $0.element == ($0.offset % 4 == 0 ? 50 : 0) })
    }

    /// A loop body given as a value runs every iteration once, also inside another loop's
    /// iteration (the pool busy) and for counts of 0 and 1 (inline).
    @Test func loopBodyValuesRunEveryIterationOnce() {
        struct Count: ParallelLoopBody {
            let hits: UnsafeMutableBufferPointer<Int>
            let offset: Int
            func run(_ iteration: Int) { hits[offset + iteration] += 1 }
        }
        var hits = [Int](repeating: 0, count: 40)
        hits.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            concurrentForEach(16, body: Count(hits: buffer, offset: 0))
            concurrentForEach(0, body: Count(hits: buffer, offset: 16))
            concurrentForEach(1, body: Count(hits: buffer, offset: 16))
            concurrentForEach(3) { outer in concurrentForEach(7, body: Count(hits: buffer, offset: 17 + 7 * outer)) }
        }
        #expect(hits[0..<38].allSatisfy { $0 == 1 })
        #expect(hits[38...].allSatisfy { $0 == 0 })
    }
}
