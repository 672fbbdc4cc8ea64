import BasinMath

/// Scratch memory reused from one evaluation to the next, so that force loops do not allocate.
///
/// Each neighbor-list chunk (thread) gets its own force and per-atom-energy buffer the size of
/// the extended atom set; kernels write there without locks and the results are summed. The
/// buffers are raw memory so that threads can fill their own buffers at the same time.
public final class Workspace: @unchecked Sendable {
    private var forceBuffers: [UnsafeMutableBufferPointer<SIMD3<Double>>] = []
    private var energyBuffers: [UnsafeMutableBufferPointer<Double>] = []

    public init() {}

    deinit {
        forceBuffers.forEach { $0.deallocate() }
        energyBuffers.forEach { $0.deallocate() }
    }

    /// Makes sure there are `chunks` buffers of `size` entries (contents undefined).
    func prepare(chunks: Int, size: Int) {
        if forceBuffers.count != chunks || forceBuffers.first?.count != size {
            forceBuffers.forEach { $0.deallocate() }
            energyBuffers.forEach { $0.deallocate() }
            forceBuffers = (0..<chunks).map { _ in .allocate(capacity: size) }
            energyBuffers = (0..<chunks).map { _ in .allocate(capacity: size) }
        }
    }

    /// The force buffer of chunk `c`.
    func forces(_ c: Int) -> UnsafeMutableBufferPointer<SIMD3<Double>> { forceBuffers[c] }

    /// The per-atom energy buffer of chunk `c`.
    func energies(_ c: Int) -> UnsafeMutableBufferPointer<Double> { energyBuffers[c] }
}
