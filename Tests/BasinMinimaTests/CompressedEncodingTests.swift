import BasinCompression
import BasinMath
import Foundation
import Testing

@testable import BasinMinima

@Suite("Bit-packing of rounded reduced coordinates")
struct CompressedEncodingTests {
    /// A frame of `atoms` atoms with frame atoms drawn at random.
    static func randomFrame(atoms: Int, generator: inout SeededGenerator) throws -> ReducedFrame {
        var indices = Array(0..<atoms)
        indices.shuffle(using: &generator)
        return try ReducedFrame(atomCount: atoms, origin: indices[0], axis: indices[1], plane: atoms >= 3 ? indices[2] : nil)
    }

    /// Values of both signs spread over `decades` decades around 1, with a few exact zeros.
    static func randomValues(_ count: Int, decades: Double, generator: inout SeededGenerator) -> [Double] {
        (0..<count).map { _ in
            if generator.uniform() < 0.05 { return generator.uniform() < 0.5 ? 0 : -0.0 }
            let magnitude = pow(10, decades * (generator.uniform() - 0.5))
            return generator.uniform() < 0.5 ? -magnitude : magnitude
        }
    }

    /// Bitwise equality, so that −0 and 0 differ.
    static func identical(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
    }

    @Test("unpacking gives exactly the rounded values for every c and random frames")
    func randomRoundTrips() throws {
        var generator = SeededGenerator(seed: 41)
        for trial in 0..<200 {
            let atoms = 2 + trial % 40
            let frame = try Self.randomFrame(atoms: atoms, generator: &generator)
            let bits = trial % 53
            let values = Self.randomValues(frame.variableCount, decades: trial % 3 == 0 ? 1 : 12, generator: &generator)
            let compressed = try CompressedMinimum(frame: frame, bits: bits, minimum: values)
            #expect(Self.identical(compressed.coordinates, SignificantBitRounding.nearest.apply(values, bits: bits)))
            let decoded = try CompressedMinimum(encoded: compressed.encoded)
            #expect(decoded == compressed, "trial \(trial): \(atoms) atoms, \(bits) bits")
            #expect(Self.identical(decoded.coordinates, compressed.coordinates))
        }
    }

    @Test("c = 52 keeps every value, c = 0 keeps powers of two, and the extremes of the exponent range survive")
    func edgeCases() throws {
        let frame = try ReducedFrame(atomCount: 5, origin: 4, axis: 0, plane: 2)
        let values = [1.0, -1.0, 0.1, -0.0, .leastNonzeroMagnitude, -.greatestFiniteMagnitude, 0x1p-1030, .pi, 1e300]
        let full = try CompressedMinimum(frame: frame, bits: 52, minimum: values)
        #expect(Self.identical(try CompressedMinimum(encoded: full.encoded).coordinates, values))

        let zero = try CompressedMinimum(frame: frame, bits: 0, minimum: [1.4, -1.6, 0.1, -3.0, 6.0, -0.7, .leastNonzeroMagnitude, 0, 1e300])
        let unpacked = try CompressedMinimum(encoded: zero.encoded).coordinates
        #expect(Self.identical(unpacked, SignificantBitRounding.nearest.apply(zero.coordinates, bits: 0)))
        #expect(unpacked.prefix(6) == [1.0, -2.0, 0.125, -4.0, 8.0, -0.5])
        for value in unpacked where value != 0 {
            #expect(value.significand == 1, "\(value) is not a power of two")
        }
    }

    @Test("two atoms store one distance and no third frame atom")
    func twoAtoms() throws {
        let frame = try ReducedFrame(atomCount: 2, origin: 1, axis: 0, plane: nil)
        let compressed = try CompressedMinimum(frame: frame, bits: 13, minimum: [1.122462048309373])
        let data = compressed.encoded
        // version, n, origin, axis, c, e_min (2 bytes), w, then one 14-bit record.
        #expect(data.count == 8 + 2)
        #expect(try CompressedMinimum(encoded: data) == compressed)
    }

    @Test("the size is the header plus ⌈m(1 + w + c)/8⌉ bytes")
    func size() throws {
        let frame = try ReducedFrame(atomCount: 13, origin: 0, axis: 1, plane: 2)
        // All values in [1, 2) share one exponent: w = 0.
        let same = (0..<33).map { 1 + Double($0) / 40 }
        #expect(try CompressedMinimum(frame: frame, bits: 10, minimum: same).encoded.count == 9 + (33 * 11 + 7) / 8)
        // Exponents −4…1 span six values: w = 3.
        let spread = (0..<33).map { pow(2, Double($0 % 6) - 4) * 1.3 }
        #expect(try CompressedMinimum(frame: frame, bits: 10, minimum: spread).encoded.count == 9 + (33 * 14 + 7) / 8)
    }

    @Test("bad input to compress is refused")
    func invalidInput() throws {
        let frame = try ReducedFrame(atomCount: 3, origin: 0, axis: 1, plane: 2)
        #expect(throws: CompressedMinimumError.self) { try CompressedMinimum(frame: frame, bits: 53, minimum: [1, 1, 1]) }
        #expect(throws: CompressedMinimumError.self) { try CompressedMinimum(frame: frame, bits: 8, minimum: [1, 1]) }
        #expect(throws: CompressedMinimumError.self) { try CompressedMinimum(frame: frame, bits: 8, minimum: [1, .nan, 1]) }
    }

    @Test("damaged and truncated blobs give clear errors")
    func corruptBlobs() throws {
        let frame = try ReducedFrame(atomCount: 4, origin: 3, axis: 1, plane: 0)
        // Six values, 1 + 0 + 9 bits each: 60 bits, so the last byte has 4 padding bits.
        let compressed = try CompressedMinimum(frame: frame, bits: 9, minimum: [1.1, 1.2, 1.3, 1.4, 1.5, 1.6])
        let good = [UInt8](compressed.encoded)
        #expect(good.count == 9 + 8)
        func error(_ bytes: [UInt8]) -> CompressedMinimumError? {
            do {
                _ = try CompressedMinimum(encoded: Data(bytes))
                return nil
            } catch {
                return error
            }
        }
        #expect(error([]) == .truncated(expectedBytes: 1, actualBytes: 0))
        #expect(error(Array(good.dropLast())) == .truncated(expectedBytes: 17, actualBytes: 16))
        #expect(error(Array(good.prefix(3))) == .truncated(expectedBytes: 4, actualBytes: 3))
        var version = good
        version[0] = 2
        #expect(error(version) == .unsupportedVersion(2))
        #expect(error(version)?.description.contains("format version 2") == true)

        func malformed(_ edit: (inout [UInt8]) -> Void, _ words: String) {
            var bytes = good
            edit(&bytes)
            guard case .malformed(let reason)? = error(bytes) else {
                Issue.record("expected a malformed blob (\(words)), got \(String(describing: error(bytes)))")
                return
            }
            #expect(reason.contains(words), "\(reason)")
        }
        malformed({ $0.append(0) }, "after the end")
        malformed({ $0[1] = 1 }, "atom count")
        malformed({ $0[2] = 9 }, "beyond the 4 atoms")
        malformed({ $0[3] = 3 }, "different")
        malformed({ $0[5] = 60 }, "significant bits")
        malformed({ $0[8] = 12 }, "exponent offsets")
        malformed({ $0[$0.count - 1] |= 1 }, "padding")
        malformed({ $0[6] = 0xFF; $0[7] = 0x7F }, "lowest exponent")
    }
}
