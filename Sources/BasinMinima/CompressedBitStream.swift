/// Writes unsigned fields of 0…56 bits into bytes, most significant bit first, with no gaps
/// between fields; the last byte is padded with zero bits.
struct BitWriter {
    private var bytes: [UInt8]
    /// Bits not yet written out, right-aligned in `pending` (fewer than 8 between calls).
    private var pending: UInt64 = 0
    private var pendingCount = 0

    init(reservingBits bits: Int) {
        bytes = []
        bytes.reserveCapacity((bits + 7) / 8)
    }

    /// Appends the low `count` bits of `value` (count 0…56; higher bits of `value` must be zero).
    mutating func write(_ value: UInt64, bits count: Int) {
        precondition((0...56).contains(count) && value >> UInt64(count) == 0, "field wider than its bits")
        guard count > 0 else { return }
        pending = pending << UInt64(count) | value
        pendingCount += count
        while pendingCount >= 8 {
            pendingCount -= 8
            bytes.append(UInt8(truncatingIfNeeded: pending >> UInt64(pendingCount)))
        }
        pending &= (1 << UInt64(pendingCount)) - 1
    }

    /// The bytes with the last partial byte padded by zero bits.
    mutating func finish() -> [UInt8] {
        if pendingCount > 0 {
            bytes.append(UInt8(truncatingIfNeeded: pending << UInt64(8 - pendingCount)))
            pending = 0
            pendingCount = 0
        }
        return bytes
    }
}

/// Reads the fields a `BitWriter` wrote.
struct BitReader {
    private let bytes: [UInt8]
    private var byteIndex: Int
    private var pending: UInt64 = 0
    private var pendingCount = 0

    /// Reads `bytes` from offset `start`.
    init(_ bytes: [UInt8], start: Int) {
        self.bytes = bytes
        byteIndex = start
    }

    /// The next `count` bits (0…56) as an unsigned number; nil past the end of the bytes.
    mutating func read(bits count: Int) -> UInt64? {
        precondition((0...56).contains(count), "fields are at most 56 bits wide")
        while pendingCount < count {
            guard byteIndex < bytes.count else { return nil }
            pending = pending << 8 | UInt64(bytes[byteIndex])
            byteIndex += 1
            pendingCount += 8
        }
        pendingCount -= count
        let value = pending >> UInt64(pendingCount)
        pending &= (1 << UInt64(pendingCount)) - 1
        return value
    }

    /// The bits left in the byte last read (the padding, once every field is read).
    var remainder: (value: UInt64, bits: Int) { (pending, pendingCount) }

}
