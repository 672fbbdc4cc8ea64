import BasinCompression
import Foundation

extension CompressedMinimum {
    /// Bits of the binary64 fraction and the largest finite biased exponent.
    private static let fractionBits = 52
    private static let largestExponent: UInt64 = 2046

    /// The bytes of the encoding described at `CompressedMinimum`.
    public var encoded: Data {
        let fields = coordinates.map { value in
            let pattern = value.bitPattern
            return (sign: pattern >> 63, exponent: (pattern >> 52) & 0x7FF, fraction: pattern & ((1 << 52) - 1))
        }
        let lowest = fields.map(\.exponent).min() ?? 0
        let highest = fields.map(\.exponent).max() ?? 0
        let width = Self.width(highest - lowest)
        var header: [UInt8] = [Self.formatVersion]
        Self.appendVarint(UInt64(atomCount), to: &header)
        Self.appendVarint(UInt64(frame.origin), to: &header)
        Self.appendVarint(UInt64(frame.axis), to: &header)
        if let plane = frame.plane { Self.appendVarint(UInt64(plane), to: &header) }
        header.append(UInt8(bits))
        Self.appendVarint(lowest, to: &header)
        header.append(UInt8(width))
        var writer = BitWriter(reservingBits: fields.count * (1 + width + bits))
        let dropped = UInt64(Self.fractionBits - bits)
        for field in fields {
            writer.write(field.sign << UInt64(width) | (field.exponent - lowest), bits: 1 + width)
            writer.write(field.fraction >> dropped, bits: bits)
        }
        return Data(header + writer.finish())
    }

    /// Reads bytes written by `encoded`, giving back exactly the rounded coordinates. Throws
    /// `CompressedMinimumError` for an unknown version, a truncated blob, or fields that cannot
    /// belong to a valid encoding.
    public init(encoded data: Data) throws(CompressedMinimumError) {
        self = try Self.decode([UInt8](data))
    }

    private static func decode(_ bytes: [UInt8]) throws(CompressedMinimumError) -> CompressedMinimum {
        guard let version = bytes.first else { throw .truncated(expectedBytes: 1, actualBytes: 0) }
        guard version == formatVersion else { throw .unsupportedVersion(version) }
        var offset = 1
        func varint(_ name: String) throws(CompressedMinimumError) -> UInt64 {
            var value: UInt64 = 0
            for shift in stride(from: 0, to: 64, by: 7) {
                guard offset < bytes.count else { throw .truncated(expectedBytes: offset + 1, actualBytes: bytes.count) }
                let byte = bytes[offset]
                offset += 1
                value |= UInt64(byte & 0x7F) << UInt64(shift)
                if byte & 0x80 == 0 { return value }
            }
            throw .malformed("the \(name) field is longer than a 64-bit number")
        }
        func byte(_ name: String) throws(CompressedMinimumError) -> Int {
            guard offset < bytes.count else { throw .truncated(expectedBytes: offset + 1, actualBytes: bytes.count) }
            offset += 1
            return Int(bytes[offset - 1])
        }
        // The atom count is capped so that the sizes below cannot overflow.
        let atoms = try varint("atom count")
        guard (2...(1 << 32)).contains(atoms) else { throw .malformed("atom count \(atoms) (at least 2 needed)") }
        let n = Int(atoms)
        func index(_ name: String) throws(CompressedMinimumError) -> Int {
            let value = try varint(name)
            guard value < atoms else { throw .malformed("frame atom \(name) is \(value), beyond the \(n) atoms") }
            return Int(value)
        }
        let origin = try index("1"), axis = try index("2")
        let plane = n >= 3 ? try index("3") : nil
        let frame: ReducedFrame
        do {
            frame = try ReducedFrame(atomCount: n, origin: origin, axis: axis, plane: plane)
        } catch {
            throw .malformed("\(error)")
        }
        let bits = try byte("bits")
        guard bits <= fractionBits else { throw .malformed("\(bits) significant bits (at most 52)") }
        let lowest = try varint("lowest exponent")
        guard lowest <= largestExponent else { throw .malformed("lowest exponent field \(lowest) (at most 2046)") }
        let width = try byte("exponent width")
        guard width <= 11 else { throw .malformed("exponent offsets of \(width) bits (at most 11)") }

        let m = frame.variableCount
        let expected = offset + (m * (1 + width + bits) + 7) / 8
        guard bytes.count >= expected else { throw .truncated(expectedBytes: expected, actualBytes: bytes.count) }
        guard bytes.count == expected else {
            throw .malformed("\(bytes.count - expected) bytes after the end of the \(expected)-byte encoding")
        }
        var reader = BitReader(bytes, start: offset)
        var values = [Double](repeating: 0, count: m)
        let dropped = UInt64(fractionBits - bits)
        for k in 0..<m {
            // The length check above guarantees every field is present.
            let head = reader.read(bits: 1 + width)!
            let fraction = reader.read(bits: bits)!
            let exponent = lowest + (head & ((1 << UInt64(width)) - 1))
            guard exponent <= largestExponent else { throw .malformed("value \(k + 1) has an exponent beyond the finite range") }
            values[k] = Double(bitPattern: (head >> UInt64(width)) << 63 | exponent << 52 | fraction << dropped)
        }
        guard reader.remainder.value == 0 else { throw .malformed("the padding bits of the last byte are not zero") }
        return CompressedMinimum(frame: frame, bits: bits, rounded: values)
    }

    /// The fewest bits that hold `range` (0 for 0).
    private static func width(_ range: UInt64) -> Int { 64 - range.leadingZeroBitCount }

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }
}
