import Foundation

/// The byte layout of coordinate and distance columns: consecutive IEEE 754 binary64 numbers,
/// little-endian, 8 bytes each, so that a database reads the same on every machine.
enum CoordinateBlob {
    /// The numbers as little-endian Float64 bytes.
    static func encode(_ values: some Collection<Double>) -> Data {
        var data = Data(count: 8 * values.count)
        data.withUnsafeMutableBytes { bytes in
            for (index, value) in values.enumerated() {
                bytes.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: 8 * index, as: UInt64.self)
            }
        }
        return data
    }

    /// Positions as x₁ y₁ z₁ x₂ … (3n numbers).
    static func encode(_ positions: [SIMD3<Double>]) -> Data {
        var data = Data(count: 24 * positions.count)
        data.withUnsafeMutableBytes { bytes in
            for (index, r) in positions.enumerated() {
                for k in 0..<3 {
                    bytes.storeBytes(of: r[k].bitPattern.littleEndian, toByteOffset: 24 * index + 8 * k, as: UInt64.self)
                }
            }
        }
        return data
    }

    /// The numbers of a blob, or nil when its length is not a multiple of 8.
    static func numbers(_ data: Data) -> [Double]? {
        guard data.count % 8 == 0 else { return nil }
        return data.withUnsafeBytes { bytes in
            (0..<(bytes.count / 8)).map { index in
                Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 * index, as: UInt64.self)))
            }
        }
    }

    /// The positions of a blob of 3n numbers, or nil when its length is not a multiple of 24.
    static func positions(_ data: Data) -> [SIMD3<Double>]? {
        guard data.count % 24 == 0, let values = numbers(data) else { return nil }
        return (0..<(values.count / 3)).map { SIMD3(values[3 * $0], values[3 * $0 + 1], values[3 * $0 + 2]) }
    }
}
