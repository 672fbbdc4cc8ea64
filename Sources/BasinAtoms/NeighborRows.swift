/// One chunk's neighbor indices and row offsets, reused from build to build and written without
/// bounds checks: `reserve` before a run of `append`s guarantees the room.
final class NeighborRows: @unchecked Sendable {
    private var storage = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private var capacity = 1
    private var count = 0
    private var rowOffsets = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private var rowCapacity = 1
    private var rowCount = 0

    deinit {
        storage.deallocate()
        rowOffsets.deallocate()
    }

    /// Empties the storage for `rows` rows, with room for about `capacity` entries. The row
    /// offsets grow with a quarter to spare, as the chunks' atom ranges move a little from one
    /// build to the next (they are balanced by the previous list's row lengths).
    func start(rows: Int, capacity expected: Int) {
        count = 0
        rowCount = rows
        if rows + 1 > rowCapacity {
            rowOffsets.deallocate()
            rowCapacity = rows + 1 + rows / 4
            rowOffsets = .allocate(capacity: rowCapacity)
        }
        rowOffsets[0] = 0
        reserve(expected)
    }

    /// Makes room for `more` entries.
    @inline(__always)
    func reserve(_ more: Int) {
        guard count &+ more > capacity else { return }
        capacity = max(2 &* capacity, count &+ more)
        let grown = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        grown.update(from: storage, count: count)
        storage.deallocate()
        storage = grown
    }

    /// Writes `a` and keeps it when `keep` is 1 (it is overwritten when `keep` is 0).
    @inline(__always)
    func append(_ a: Int32, if keep: UInt64) {
        storage[count] = a
        count &+= Int(truncatingIfNeeded: keep)
    }

    /// Closes row `row`: its neighbors are those appended since the previous row closed.
    @inline(__always)
    func endRow(_ row: Int) {
        rowOffsets[row &+ 1] = Int32(truncatingIfNeeded: count)
    }

    var neighbors: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: storage, count: count) }
    var offsets: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: rowOffsets, count: rowCount + 1) }
}

