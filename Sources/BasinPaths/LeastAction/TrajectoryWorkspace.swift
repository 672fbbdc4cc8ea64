/// Scratch memory for evaluating a `TrajectoryNetwork` at K fixed times and back-propagating
/// through it, sized once so that a training step allocates nothing.
public final class TrajectoryWorkspace: @unchecked Sendable {
    public let hiddenCount: Int
    public let outputCount: Int
    /// The K times (time units) in the order of the output rows.
    public let times: [Double]
    /// 3K × D, row-major: positions (rows 0..<K), velocities (K..<2K), accelerations (2K..<3K).
    public internal(set) var outputs: [Double]
    /// 3K × D, row-major, in the layout of `outputs`: ∂L/∂Q, ∂L/∂Q̇, ∂L/∂Q̈, filled by the caller.
    public var adjoints: [Double]
    var negatedHidden: [Double]
    var negatedHiddenTransposed: [Double]
    var first: [Double]
    var second: [Double]
    var third: [Double]

    public init(hiddenCount: Int, outputCount: Int, times: [Double]) {
        precondition(!times.isEmpty, "need at least one time")
        self.hiddenCount = hiddenCount
        self.outputCount = outputCount
        self.times = times
        let k = times.count
        outputs = [Double](repeating: 0, count: 3 * k * outputCount)
        adjoints = outputs
        negatedHidden = [Double](repeating: 0, count: 3 * k * hiddenCount)
        negatedHiddenTransposed = negatedHidden
        first = [Double](repeating: 0, count: k * hiddenCount)
        second = first
        third = first
    }

    public convenience init(network: TrajectoryNetwork, times: [Double]) {
        self.init(hiddenCount: network.hiddenCount, outputCount: network.outputCount, times: times)
    }

    /// Number of times, K.
    public var timeCount: Int { times.count }

    struct Buffers {
        let outputs: UnsafeMutablePointer<Double>
        let adjoints: UnsafeMutablePointer<Double>
        let negatedHidden: UnsafeMutablePointer<Double>
        let negatedHiddenTransposed: UnsafeMutablePointer<Double>
        let first: UnsafeMutablePointer<Double>
        let second: UnsafeMutablePointer<Double>
        let third: UnsafeMutablePointer<Double>
    }

    func withBuffers<R>(_ body: (Buffers) -> R) -> R {
        outputs.withUnsafeMutableBufferPointer { o in
        adjoints.withUnsafeMutableBufferPointer { a in
        negatedHidden.withUnsafeMutableBufferPointer { h in
        negatedHiddenTransposed.withUnsafeMutableBufferPointer { ht in
        first.withUnsafeMutableBufferPointer { f1 in
        second.withUnsafeMutableBufferPointer { f2 in
        third.withUnsafeMutableBufferPointer { f3 in
            body(Buffers(outputs: o.baseAddress!, adjoints: a.baseAddress!, negatedHidden: h.baseAddress!,
                         negatedHiddenTransposed: ht.baseAddress!, first: f1.baseAddress!, second: f2.baseAddress!, third: f3.baseAddress!))
        }}}}}}}
    }
}
