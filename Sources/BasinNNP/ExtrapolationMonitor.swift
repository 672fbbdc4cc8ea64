import BasinAtoms
import BasinDescriptors
import Foundation

/// Counts extrapolation warnings while a `NeuralNetworkPotential` evaluates: every symmetry-
/// function value G_is outside the range [min_s, max_s] of its element's scaling.data, as n2p2
/// does (`Element::updateSymmetryFunctionStatistics`: a value warns when G + ε < min or
/// G − ε > max with ε = 1000 × machine epsilon, so that values on the boundary do not).
///
/// The values are unit-free, so the ranges apply whatever `lengthFactor` the potential uses.
/// Scanning costs two comparisons per value and takes no lock or allocation while nothing is
/// out of range. The caller sets `step` before each evaluation (MD step, frame, iteration) so
/// that warnings name it. Safe to share between threads.
public final class ExtrapolationMonitor: @unchecked Sendable {
    /// n2p2's tolerance at the range's ends.
    public static let tolerance = 1000 * Double.ulpOfOne
    /// How many warnings `summary.first` keeps.
    public let detailLimit: Int
    /// `summary.limitExceeded` is the warning that makes the count exceed this.
    public let limit: Int?
    /// Whether the configurations with warnings are kept (`frames`), at most `frameLimit`.
    public let keepsFrames: Bool
    public let frameLimit: Int

    private let symbols: [String]
    private let types: [[Int]]
    private let minima: [[Double]]
    private let maxima: [[Double]]
    private let lock = NSLock()
    private var counts: Counts
    private var storedFrames: [ExtrapolationFrame] = []
    private var currentStep = 0
    private var latest: [Int] = []

    /// A configuration in which some values were out of range, with each atom's warnings.
    public struct ExtrapolationFrame: Sendable {
        public var step: Int
        public var configuration: Configuration
        public var warningsPerAtom: [Int]
    }

    private struct Counts {
        var summary = ExtrapolationSummary()
        var perFunction: [[Int]]
        var excess: [[Double]]
        var perAtom: [Int] = []
        var atomElement: [Int] = []
    }

    /// A monitor of `model`'s ranges; nil when the model has no scaling.data statistics.
    public init?(model: NNPModel, limit: Int? = nil, keepsFrames: Bool = false, frameLimit: Int = 1000, detailLimit: Int = 100) {
        guard !model.statistics.isEmpty else { return nil }
        symbols = model.settings.elements.map(\.symbol)
        types = model.settings.symmetryFunctions.map { $0.functions.map(\.typeCode) }
        minima = model.statistics.map { $0.map(\.minimum) }
        maxima = model.statistics.map { $0.map(\.maximum) }
        self.limit = limit
        self.keepsFrames = keepsFrames
        self.frameLimit = frameLimit
        self.detailLimit = detailLimit
        counts = Counts(perFunction: minima.map { [Int](repeating: 0, count: $0.count) }, excess: minima.map { [Double](repeating: 0, count: $0.count) })
    }

    /// The index warnings of the next evaluations are recorded with.
    public var step: Int {
        get { lock.withLock { currentStep } }
        set { lock.withLock { currentStep = newValue } }
    }

    /// The counts so far.
    public var summary: ExtrapolationSummary {
        lock.withLock {
            var summary = counts.summary
            summary.elements = symbols.indices.map { e in
                let functions = counts.perFunction[e].indices.filter { counts.perFunction[e][$0] > 0 }.map { s in
                    ExtrapolationSummary.FunctionCount(
                        function: s + 1, type: types[e][s], warnings: counts.perFunction[e][s],
                        minimum: minima[e][s], maximum: maxima[e][s], largestExcess: counts.excess[e][s])
                }
                return ExtrapolationSummary.ElementCount(element: symbols[e], warnings: counts.perFunction[e].reduce(0, +), functions: functions)
            }
            summary.atoms = counts.perAtom.indices.filter { counts.perAtom[$0] > 0 }.map {
                ExtrapolationSummary.AtomCount(atom: $0, element: symbols[counts.atomElement[$0]], warnings: counts.perAtom[$0])
            }
            return summary
        }
    }

    /// The configurations with warnings (the first `frameLimit`), when `keepsFrames`.
    public var frames: [ExtrapolationFrame] { lock.withLock { storedFrames } }

    /// Each atom's warnings in the last evaluation; empty when it had none.
    public var latestWarningsPerAtom: [Int] { lock.withLock { latest } }

    /// Whether the warnings so far exceed `limit`.
    public var isPastLimit: Bool { lock.withLock { counts.summary.limitExceeded != nil } }

    /// Forgets every count and frame (e.g. after equilibration).
    public func reset() {
        lock.withLock {
            counts = Counts(perFunction: minima.map { [Int](repeating: 0, count: $0.count) }, excess: minima.map { [Double](repeating: 0, count: $0.count) })
            storedFrames = []
            latest = []
        }
    }

    /// Scans one evaluation's values; `element[i]` is atom i's element in model order.
    func scan(_ g: UnsafeBufferPointer<Double>, stride: Int, element: [Int], configuration: Configuration) {
        let n = element.count, epsilon = Self.tolerance
        var outside = false
        for i in 0..<n where !outside {
            let e = element[i], low = minima[e], high = maxima[e], row = i * stride
            for s in low.indices where g[row + s] + epsilon < low[s] || g[row + s] - epsilon > high[s] {
                outside = true
                break
            }
        }
        lock.withLock {
            counts.summary.evaluations += 1
            latest = outside ? record(g, stride: stride, element: element, configuration: configuration) : []
        }
    }

    /// Counts every out-of-range value of an evaluation that has some (called under the lock)
    /// and returns each atom's count.
    private func record(_ values: UnsafeBufferPointer<Double>, stride: Int, element: [Int], configuration: Configuration) -> [Int] {
        let n = element.count, epsilon = Self.tolerance
        if counts.perAtom.count < n {
            counts.perAtom += [Int](repeating: 0, count: n - counts.perAtom.count)
            counts.atomElement += [Int](repeating: 0, count: n - counts.atomElement.count)
        }
        var perAtom = [Int](repeating: 0, count: n)
        counts.summary.evaluationsWithWarnings += 1
        for i in 0..<n {
            let e = element[i]
            counts.atomElement[i] = e
            for s in minima[e].indices {
                let g = values[i * stride + s]
                guard g + epsilon < minima[e][s] || g - epsilon > maxima[e][s] else { continue }
                let warning = ExtrapolationWarning(
                    step: currentStep, atom: i, element: symbols[e], function: s + 1, type: types[e][s],
                    value: g, minimum: minima[e][s], maximum: maxima[e][s])
                perAtom[i] += 1
                counts.perAtom[i] += 1
                counts.perFunction[e][s] += 1
                counts.excess[e][s] = max(counts.excess[e][s], warning.excess)
                counts.summary.warnings += 1
                if counts.summary.first.count < detailLimit { counts.summary.first.append(warning) }
                if let limit, counts.summary.warnings > limit, counts.summary.limitExceeded == nil {
                    counts.summary.limitExceeded = warning
                }
            }
        }
        if keepsFrames, storedFrames.count < frameLimit {
            storedFrames.append(ExtrapolationFrame(step: currentStep, configuration: configuration, warningsPerAtom: perAtom))
        }
        return perAtom
    }
}
