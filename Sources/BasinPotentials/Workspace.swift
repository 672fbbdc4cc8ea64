import BasinMath

/// Scratch memory reused from one evaluation to the next, so that force loops do not allocate.
///
/// Each neighbor-list chunk (thread) gets its own force and per-atom-energy buffers the size
/// of the extended atom set; kernels write there without locks and the results are summed.
public final class Workspace: @unchecked Sendable {
    var chunkForces: [[SIMD3<Double>]] = []
    var chunkEnergies: [[Double]] = []

    public init() {}

    /// Makes `chunks` force buffers (and energy buffers when `energies`) of `size` zeros.
    func prepare(chunks: Int, size: Int, energies: Bool) {
        if chunkForces.count != chunks { chunkForces = Array(repeating: [], count: chunks) }
        for c in 0..<chunks { Workspace.zero(&chunkForces[c], size) }
        if energies {
            if chunkEnergies.count != chunks { chunkEnergies = Array(repeating: [], count: chunks) }
            for c in 0..<chunks { Workspace.zero(&chunkEnergies[c], size) }
        }
    }

    private static func zero<T: Summable>(_ buffer: inout [T], _ size: Int) {
        if buffer.count == size {
            buffer.withUnsafeMutableBufferPointer { b in
                for i in 0..<size { b[i] = .zero }
            }
        } else {
            buffer = Array(repeating: .zero, count: size)
        }
    }
}
