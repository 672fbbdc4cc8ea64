import Foundation

/// Hands each part of a parallel loop the index of a per-thread scratch as the part starts, and
/// takes it back as the part ends: no two running parts hold the same index, so with at most T
/// parts running at once the indices stay below T, and T scratches serve any number of parts.
final class ScratchSlots: @unchecked Sendable {
    private let lock = NSLock()
    /// Whether each index is held by a running part.
    private var held: [Bool] = []

    /// `count` indices, all free; allocates only when `count` changes.
    func prepare(_ count: Int) {
        if held.count != count { held = Array(repeating: false, count: count) }
    }

    /// A free index, now held; one must be free (more parts run at once than `prepare` allowed
    /// is a programming error).
    func take() -> Int {
        lock.lock()
        defer { lock.unlock() }
        guard let slot = held.firstIndex(of: false) else { preconditionFailure("more parts at once than scratches") }
        held[slot] = true
        return slot
    }

    /// Frees `slot`, taken by `take()`.
    func giveBack(_ slot: Int) {
        lock.lock()
        held[slot] = false
        lock.unlock()
    }
}
