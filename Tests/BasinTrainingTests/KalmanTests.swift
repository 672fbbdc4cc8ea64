import BasinMath
import Foundation
import Testing
import BasinTestSupport
@testable import BasinTraining

@Suite struct KalmanTests {
    typealias F = TrainerFixtures

    /// A linear model y = x·w* + noise: rows x (count × n, row-major) and targets y.
    static func linearProblem(rows: Int, n: Int, seed: UInt64) -> (x: [Double], y: [Double]) {
        var g = SeededGenerator(seed: seed)
        let truth = (0..<n).map { _ in g.normal() }
        var x: [Double] = [], y: [Double] = []
        for _ in 0..<rows {
            let row = (0..<n).map { _ in g.normal() }
            x += row
            y.append(zip(row, truth).reduce(0) { $0 + $1.0 * $1.1 } + 0.1 * g.normal())
        }
        return (x, y)
    }

    /// Solves (c XᵀX + d I) w = c Xᵀy by Gaussian elimination.
    static func ridge(_ x: [Double], _ y: [Double], n: Int, c: Double, d: Double) -> [Double] {
        let rows = y.count
        var a = [Double](repeating: 0, count: n * n), b = [Double](repeating: 0, count: n)
        for r in 0..<rows {
            for i in 0..<n {
                b[i] += c * x[r * n + i] * y[r]
                for j in 0..<n { a[i * n + j] += c * x[r * n + i] * x[r * n + j] }
            }
        }
        for i in 0..<n { a[i * n + i] += d }
        for col in 0..<n {
            let p = (col..<n).max { abs(a[$0 * n + col]) < abs(a[$1 * n + col]) }!
            for j in 0..<n { a.swapAt(col * n + j, p * n + j) }
            b.swapAt(col, p)
            for r in (col + 1)..<n {
                let f = a[r * n + col] / a[col * n + col]
                for j in col..<n { a[r * n + j] -= f * a[col * n + j] }
                b[r] -= f * b[col]
            }
        }
        var w = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = b[i]
            for j in (i + 1)..<n { s -= a[i * n + j] * w[j] }
            w[i] = s / a[i * n + i]
        }
        return w
    }

    /// Feeds the rows in groups of `group` (ξ = y − x·w, H = x) for `passes` passes.
    static func filter(_ kf: inout KalmanFilter, _ x: [Double], _ y: [Double], n: Int, group: Int, passes: Int = 1) -> [Double] {
        var w = [Double](repeating: 0, count: n)
        for _ in 0..<passes {
            var start = 0
            while start < y.count {
                let rows = start..<min(start + group, y.count)
                let h = Array(x[(rows.lowerBound * n)..<(rows.upperBound * n)])
                let error = rows.map { r in y[r] - (0..<n).reduce(0) { $0 + x[r * n + $1] * w[$1] } }
                kf.update(&w, error: error, jacobian: h)
                start += group
            }
        }
        return w
    }

    static func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) }.max()!
    }

    @Test(arguments: [1, 3])
    func withoutForgettingOrNoiseTheFilterIsRecursiveLeastSquares(group: Int) {
        let n = 6, (x, y) = Self.linearProblem(rows: 40, n: n, seed: 11)
        // Fading memory with λ = ν = 1, q = 0: A = HPHᵀ + I, so w = (XᵀX + εI)⁻¹ Xᵀy exactly.
        let epsilon = 1e-3
        var rls = KalmanFilter(size: n, parameters: .init(type: .fadingMemory, epsilon: epsilon, q0: 0, qmin: 0, lambda: 1, nu: 1))
        let w = Self.filter(&rls, x, y, n: n, group: group)
        let exact = Self.ridge(x, y, n: n, c: 1, d: epsilon)
        #expect(Self.maxDifference(w, exact) < 1e-10, "\(w) vs \(exact)")
        // And so close to the normal-equation solution for a weak prior.
        let normal = Self.ridge(x, y, n: n, c: 1, d: 0)
        #expect(Self.maxDifference(w, normal) < 1e-4)
        #expect(rls.updates == (40 + group - 1) / group && rls.lambda == 1 && rls.q == 0)
        // Folding the pending corrections into the stored triangle changes P by rounding only.
        let pending = (0..<n).flatMap { i in (0..<n).map { rls.covariance(i, $0) } }
        rls.settle()
        let settled = (0..<n).flatMap { i in (0..<n).map { rls.covariance(i, $0) } }
        #expect(Self.maxDifference(pending, settled) < 1e-12 * pending.map(abs).max()!)

        // Standard type, constant η (no etatau/etamax), q = 0: noise 1/η, w = (ηXᵀX + εI)⁻¹ ηXᵀy.
        let eta = 0.3
        var standard = KalmanFilter(size: n, parameters: .init(type: .standard, epsilon: epsilon, q0: 0, qmin: 0, eta: eta, etatau: nil, etamax: nil))
        let ws = Self.filter(&standard, x, y, n: n, group: group)
        #expect(Self.maxDifference(ws, Self.ridge(x, y, n: n, c: eta, d: epsilon)) < 1e-10)
        #expect(standard.eta == eta)
    }

    @Test func repeatedPassesConvergeToTheLeastSquaresSolution() {
        // Each pass adds the data again: w = (kXᵀX + εI)⁻¹ kXᵀy → the normal-equation solution.
        let n = 4, (x, y) = Self.linearProblem(rows: 12, n: n, seed: 5)
        var kf = KalmanFilter(size: n, parameters: .init(type: .fadingMemory, epsilon: 0.1, q0: 0, qmin: 0, lambda: 1, nu: 1))
        let w = Self.filter(&kf, x, y, n: n, group: 1, passes: 50)
        #expect(Self.maxDifference(w, Self.ridge(x, y, n: n, c: 50, d: 0.1)) < 1e-10)
        let normal = Self.ridge(x, y, n: n, c: 1, d: 0)
        #expect(Self.maxDifference(w, normal) < 5e-3)
        var strong = KalmanFilter(size: n, parameters: .init(type: .fadingMemory, epsilon: 0.1, q0: 0, qmin: 0, lambda: 1, nu: 1))
        #expect(Self.maxDifference(Self.filter(&strong, x, y, n: n, group: 1, passes: 2), normal) > Self.maxDifference(w, normal))
    }

    @Test func schedulesFollowN2P2() {
        // q ← q e^(−qtau/U) while q > qmin; η ← η e^(etatau/U) while η < etamax, before each update
        // (n2p2 caps neither: the last step may pass the bound); λ ← νλ + 1 − ν.
        var kf = KalmanFilter(size: 2, parameters: .init(epsilon: 0.01, q0: 0.01, qtau: 2.302, qmin: 1e-6, eta: 0.01, etatau: 2.302, etamax: 1), updatesPerEpoch: 10)
        var w = [0.0, 0.0]
        for _ in 0..<10 { kf.update(&w, error: [0.5], jacobian: [1, -1]) }
        #expect(abs(kf.q - 0.01 * exp(-2.302)) < 1e-15 && abs(kf.eta - 0.01 * exp(2.302)) < 1e-15)
        for _ in 0..<100 { kf.update(&w, error: [0.5], jacobian: [1, -1]) }
        #expect(kf.q <= 1e-6 && kf.q > 1e-6 * exp(-0.2302) && kf.updates == 110)
        #expect(kf.eta >= 1 && kf.eta < exp(0.2302))
        var fading = KalmanFilter(size: 2, parameters: .init(type: .fadingMemory, lambda: 0.96, nu: 0.9995))
        #expect(fading.parameters.epsilon == 0.1 && fading.q == 0 && fading.settled == [10, 0, 10])
        fading.update(&w, error: [0.1], jacobian: [1, 0])
        #expect(abs(fading.lambda - (0.9995 * 0.96 + 1 - 0.9995)) < 1e-15)
    }

    static func kalmanSettings(epochs: Int, forceFraction: Double = 1, forceBatch: Int = 4) -> TrainingSettings {
        F.settings(KalmanTraining(forceFraction: forceFraction, forceBatch: forceBatch), epochs: epochs)
    }

    @Test func kalmanTrainingLowersTheTestLoss() throws {
        var trainer = Trainer(model: F.student, train: F.train, test: F.test, settings: Self.kalmanSettings(epochs: 8))
        try trainer.train()
        let curve = trainer.state.learningCurve.epochs
        #expect(curve.count == 9)
        #expect(curve.last!.testLoss < 0.5 * curve[0].testLoss, "\(curve.map(\.testLoss))")
        #expect(curve.last!.trainLoss < curve[0].trainLoss && curve.last!.trainForceRMSE < curve[0].trainForceRMSE)
        guard let s = trainer.state.updater as? KalmanTraining, let filter = s.filter else {
            Issue.record("no filter state")
            return
        }
        // 8 structures of 8 atoms: 8 energy updates and 192/4 = 48 force updates (4 components each) per epoch.
        #expect(filter.updatesPerEpoch == 56 && filter.updates == 8 * 56)
        #expect(filter.size == F.student.parameterCount)
    }

    @Test func resumingKalmanTrainingFromACheckpointGivesIdenticalWeights() throws {
        // Half of the force components per epoch (threshold selection), 5 summed per update.
        let settings = Self.kalmanSettings(epochs: 4, forceFraction: 0.5, forceBatch: 5)
        var straight = Trainer(model: F.student, train: F.train, test: F.test, settings: settings)
        try straight.train()

        let directory = try ScratchDirectory.make("basin-kalman")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("checkpoint.json")
        var firstHalf = settings
        firstHalf.epochs = 2
        firstHalf.checkpointURL = url
        firstHalf.checkpointInterval = 1
        var interrupted = Trainer(model: F.student, train: F.train, test: F.test, settings: firstHalf)
        try interrupted.train()
        let checkpoint = try TrainingCheckpoint.read(from: url)
        #expect(checkpoint.epoch == 2 && checkpoint == interrupted.state)

        var resumed = Trainer(model: F.student, train: F.train, test: F.test, settings: settings, resumingFrom: checkpoint)
        try resumed.train()
        #expect(resumed.state.epoch == 4)
        #expect(resumed.state.parameters == straight.state.parameters)
        #expect(resumed.state.bestParameters == straight.state.bestParameters)
        #expect(resumed.state.updater.isEqual(to: straight.state.updater))
        #expect(resumed.state.generator == straight.state.generator)
        #expect(resumed.state.parameters != interrupted.state.parameters)
        let data = try checkpoint.jsonData()
        #expect(String(decoding: data, as: UTF8.self).contains("\"updater\":\"kalman\""))
    }

    /// The covariance goes to a binary state file beside the JSON, which stays small; a state
    /// file of another checkpoint is refused.
    @Test func theCovarianceIsKeptInABinaryStateFile() throws {
        var settings = Self.kalmanSettings(epochs: 2)
        let directory = try ScratchDirectory.make("basin-kalman-state")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("checkpoint.json")
        settings.checkpointURL = url
        var trainer = Trainer(model: F.student, train: F.train, test: F.test, settings: settings)
        try trainer.train()
        let p = F.student.parameterCount
        let stateURL = TrainingCheckpoint.stateURL(for: url)
        let stateBytes = try Data(contentsOf: stateURL).count
        let jsonBytes = try Data(contentsOf: url).count
        #expect(stateBytes == 8 * p * (p + 1) / 2)
        #expect(jsonBytes < 40 * p + 20_000, "\(jsonBytes) bytes of JSON for \(p) weights")
        let read = try TrainingCheckpoint.read(from: url)
        #expect(read == trainer.state)
        // Another run's state file (one more epoch) does not belong to this JSON.
        let json = try Data(contentsOf: url)
        settings.epochs = 3
        var other = Trainer(model: F.student, train: F.train, test: F.test, settings: settings, resumingFrom: read)
        try other.train()
        try json.write(to: url)
        #expect(throws: TrainingCheckpoint.FormatError.self) { try TrainingCheckpoint.read(from: url) }
        try FileManager.default.removeItem(at: stateURL)
        #expect(throws: TrainingCheckpoint.FormatError.self) { try TrainingCheckpoint.read(from: url) }
    }
}
