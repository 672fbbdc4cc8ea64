import BasinAtoms
import BasinMath

/// Scratch memory reused from one evaluation to the next, so that force loops do not allocate,
/// and the constants a potential derives for one set of elements, kept until the elements
/// change (LAMMPS's `init_one` idea).
///
/// Each neighbor-list chunk (thread) gets its own force and per-atom-energy buffer the size of
/// the extended atom set and its own `ChunkTotals`; kernels write there without locks and the
/// results are summed. The buffers are raw memory so that threads can fill their own buffers
/// at the same time.
public final class Workspace: @unchecked Sendable {
    /// The force buffer of each chunk (at least `size` entries; entries past `size` unused).
    private(set) var forceBuffers: [UnsafeMutableBufferPointer<SIMD3<Double>>] = []
    /// The per-atom energy buffer of each chunk (at least `size` entries).
    private(set) var energyBuffers: [UnsafeMutableBufferPointer<Double>] = []
    /// Entries in use in each buffer: the extended atom count of the last `prepare`.
    private(set) var size = 0
    private var totals = UnsafeMutableBufferPointer<ChunkTotals>.allocate(capacity: 0)
    private var scratchSlots: [UnsafeMutableRawBufferPointer] = []
    /// The elements `prepared` was made for, and what it made.
    private var preparedElements: [Element]?
    private var prepared: Any?
    /// What `attached` made.
    private var attachment: AnyObject?

    public init() {}

    deinit {
        forceBuffers.forEach { $0.deallocate() }
        energyBuffers.forEach { $0.deallocate() }
        totals.deallocate()
        scratchSlots.forEach { $0.deallocate() }
    }

    /// Makes sure there are `chunks` buffers of at least `size` entries (contents undefined)
    /// and `chunks` totals, set to zero. Buffers grow with a quarter to spare, so that the
    /// ghost count changing from one neighbor-list build to the next does not reallocate.
    func prepare(chunks: Int, size: Int) {
        if forceBuffers.count != chunks || (forceBuffers.first?.count ?? 0) < size {
            let capacity = size + size / 4
            forceBuffers.forEach { $0.deallocate() }
            energyBuffers.forEach { $0.deallocate() }
            forceBuffers = (0..<chunks).map { _ in .allocate(capacity: capacity) }
            energyBuffers = (0..<chunks).map { _ in .allocate(capacity: capacity) }
        }
        self.size = size
        if totals.count != chunks {
            totals.deallocate()
            totals = .allocate(capacity: chunks)
        }
        totals.initialize(repeating: ChunkTotals())
    }

    /// The force buffer of chunk `c`: `size` entries.
    func forces(_ c: Int) -> UnsafeMutableBufferPointer<SIMD3<Double>> { UnsafeMutableBufferPointer(rebasing: forceBuffers[c][0..<size]) }

    /// The per-atom energy buffer of chunk `c`: `size` entries.
    func energies(_ c: Int) -> UnsafeMutableBufferPointer<Double> { UnsafeMutableBufferPointer(rebasing: energyBuffers[c][0..<size]) }

    /// The totals of every chunk, zero after `prepare`.
    var chunkTotals: UnsafeMutableBufferPointer<ChunkTotals> { totals }

    /// `count` values of a trivial type `T` in memory kept from call to call (contents
    /// undefined), valid until the next call with the same `slot`; kernels use one slot per
    /// kind of scratch. Call it before threads start, never from them.
    func scratch<T>(slot: Int, _: T.Type, count: Int) -> UnsafeMutableBufferPointer<T> {
        precondition(_isPOD(T.self) && MemoryLayout<T>.alignment <= 64, "scratch holds trivial values only")
        while scratchSlots.count <= slot { scratchSlots.append(.allocate(byteCount: 0, alignment: 64)) }
        let bytes = count * MemoryLayout<T>.stride
        if scratchSlots[slot].count < bytes {
            scratchSlots[slot].deallocate()
            scratchSlots[slot] = .allocate(byteCount: bytes, alignment: 64)
        }
        let bound = scratchSlots[slot].bindMemory(to: T.self)
        return UnsafeMutableBufferPointer(rebasing: bound[0..<count])
    }

    /// What `make` builds for `elements` (a configuration's element table), made once and kept
    /// until a configuration with other elements comes.
    public func prepared<T, Failure: Error>(for elements: [Element], _ make: () throws(Failure) -> T) throws(Failure) -> T {
        if let preparedElements, preparedElements == elements, let value = prepared as? T { return value }
        let value = try make()
        preparedElements = elements
        prepared = value
        return value
    }

    /// An object kept with this workspace for as long as it lives, made by `make` on first use
    /// (a composite potential's own neighbor list and workspace). Call it before threads start.
    public func attached<T: AnyObject>(_ make: () -> T) -> T {
        if let value = attachment as? T { return value }
        let value = make()
        attachment = value
        return value
    }
}
