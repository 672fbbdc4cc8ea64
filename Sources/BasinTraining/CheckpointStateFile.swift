import BasinIO
import Foundation

/// One named array of an updater's large state (an O(weights²) matrix such as the Kalman
/// covariance or BFGS's inverse Hessian), handed to a checkpoint to keep in binary.
public struct LargeStateArray: Sendable {
    public var name: String
    public var values: [Double]

    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

/// The binary file beside a checkpoint's JSON: the updater's large arrays one after the other,
/// each as raw little-endian IEEE-754 doubles (no header, no padding). The JSON records for
/// each array its name, count, byte offset and checksum (`Entry`), so that a state file that is
/// missing, truncated, longer, or from another checkpoint is refused with one line naming it.
///
/// Writing streams each array through a 64 KiB buffer into a temporary file renamed into place
/// (`AtomicFile`), so a checkpoint never holds a second copy of a covariance.
enum CheckpointStateFile {
    /// Where one array lies in the file.
    struct Entry: Codable, Sendable, Equatable {
        var name: String
        /// Doubles in the array.
        var count: Int
        /// Byte offset of its first double from the start of the file.
        var offset: Int
        /// FNV-1a over the array's 64-bit little-endian words, as 16 hexadecimal digits.
        var checksum: String
    }

    /// Doubles per write or read.
    static let chunk = 8192

    /// Writes `arrays` to `url` atomically and returns their entries.
    static func write(_ arrays: [LargeStateArray], to url: URL) throws(FileFormatError) -> [Entry] {
        var entries: [Entry] = []
        var offset = 0
        let buffer = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: chunk)
        defer { buffer.deallocate() }
        try AtomicFile.write(to: url) { (append: (UnsafeRawBufferPointer) throws(FileFormatError) -> Void) throws(FileFormatError) in
            for array in arrays {
                var hash = Checksum()
                var start = 0
                while start < array.values.count {
                    let end = min(start + chunk, array.values.count)
                    for k in start..<end {
                        let word = array.values[k].bitPattern.littleEndian
                        buffer[k - start] = word
                        hash.add(word)
                    }
                    try append(UnsafeRawBufferPointer(start: buffer.baseAddress, count: 8 * (end - start)))
                    start = end
                }
                entries.append(Entry(name: array.name, count: array.values.count, offset: offset, checksum: hash.text))
                offset += 8 * array.values.count
            }
        }
        return entries
    }

    /// Reads the arrays that `entries` describe from `url`, by name.
    static func read(_ entries: [Entry], from url: URL) throws(TrainingCheckpoint.FormatError) -> [String: [Double]] {
        let path = url.path
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw .init(description: "\(path) is missing (the checkpoint's \(entries.map(\.name).joined(separator: ", ")) in binary)")
        }
        defer { try? handle.close() }
        let expected = entries.reduce(0) { max($0, $1.offset + 8 * $1.count) }
        let size = (try? handle.seekToEnd()).map(Int.init) ?? -1
        guard size == expected else {
            throw .init(description: "\(path) holds \(size) bytes, the checkpoint expects \(expected) (a truncated or foreign state file)")
        }
        var arrays: [String: [Double]] = [:]
        for entry in entries {
            guard entry.count >= 0, entry.offset >= 0, (try? handle.seek(toOffset: UInt64(entry.offset))) != nil else {
                throw .init(description: "\(path): the checkpoint names a bad position for '\(entry.name)'")
            }
            var hash = Checksum()
            var complete = true
            let values = [Double](unsafeUninitializedCapacity: entry.count) { storage, initialized in
                initialized = 0
                while initialized < entry.count {
                    let want = min(chunk, entry.count - initialized)
                    guard let data = try? handle.read(upToCount: 8 * want), data.count == 8 * want else {
                        complete = false
                        break
                    }
                    data.withUnsafeBytes { raw in
                        for k in 0..<want {
                            let word = raw.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self)
                            hash.add(word)
                            storage[initialized + k] = Double(bitPattern: UInt64(littleEndian: word))
                        }
                    }
                    initialized += want
                }
                if !complete {
                    for k in initialized..<entry.count { storage[k] = 0 }
                    initialized = entry.count
                }
            }
            guard complete else { throw .init(description: "\(path): cannot read '\(entry.name)' (\(entry.count) numbers)") }
            guard hash.text == entry.checksum else {
                throw .init(description: "\(path): '\(entry.name)' does not match the checkpoint's checksum (a state file of another checkpoint, or damaged)")
            }
            arrays[entry.name] = values
        }
        return arrays
    }

    /// 64-bit FNV-1a with one 64-bit word per step.
    struct Checksum {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(_ word: UInt64) {
            value = (value ^ word) &* 0x0000_0100_0000_01b3
        }

        var text: String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
    }
}
