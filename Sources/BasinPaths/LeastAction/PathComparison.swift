import BasinAtoms
import BasinDynamics

/// A least-action path set against a reference trajectory with the same end points (e.g. the
/// MD run they were taken from), as Wang et al. (J. Chem. Inf. Model. 62, 3346, 2022) compare
/// theirs.
///
/// The reference frames are taken as evenly spaced from 0 to T, frame j at t_j = jT/(F − 1), and
/// the network is evaluated at those times. At each time: the position RMSD
/// √(⟨|q_path − q_ref|²⟩) over atoms (minimum-image displacements in a periodic cell; length
/// units) and the momentum RMSD √(⟨|m (q̇_path − q̇_ref)|²⟩) (mass · length / time). Over all
/// frames: g(r) of both (cells periodic in three directions; BasinDynamics'
/// `RadialDistribution`, by default up to half the narrowest cell width) and their velocity
/// autocorrelation functions (`VelocityAutocorrelation`, lags up to half the window, a time
/// origin at every frame).
public struct PathComparison: Sendable {
    /// The comparison at one reference frame.
    public struct Row: Sendable, Codable, Equatable {
        /// t_j (time units).
        public var time: Double
        /// Whether t_j is a grid time of the loss.
        public var isGridTime: Bool
        /// Position RMSD (length units).
        public var positionRMSD: Double
        /// Momentum RMSD (mass · length / time).
        public var momentumRMSD: Double
    }

    public var rows: [Row]
    /// Bin centres of g(r) (length units); empty unless the cell is periodic in three directions.
    public var radii: [Double] = []
    public var pathDistribution: [Double] = []
    public var referenceDistribution: [Double] = []
    /// Lag times of the VACFs (time units).
    public var lagTimes: [Double]
    /// C(t) = ⟨v(0) · v(t)⟩ (velocity²) of the path and of the reference.
    public var pathVACF: [Double]
    public var referenceVACF: [Double]

    /// Compares `network` (a solution of `problem`) with `reference`; g(r) has `bins` bins up to
    /// `maximumRadius` (length units; nil: half the narrowest cell width).
    public init(
        network: TrajectoryNetwork, problem: LeastActionProblem, reference: [Configuration], bins: Int = 100, maximumRadius: Double? = nil
    ) throws(LeastActionError) {
        try Self.check(reference, against: problem)
        let count = reference.count
        let template = problem.template
        let path = (0..<count).map { j -> Configuration in
            let state = network.state(at: problem.duration * Double(j) / Double(count - 1))
            var configuration = template
            configuration.positions = PathSample.vectors(state.positions)
            configuration.velocities = PathSample.vectors(state.velocities)
            return configuration
        }
        rows = (0..<count).map { j in
            Row(time: problem.duration * Double(j) / Double(count - 1), isGridTime: (j * problem.intervals) % (count - 1) == 0,
                positionRMSD: Self.positionRMSD(path[j], reference[j]), momentumRMSD: Self.momentumRMSD(path[j], reference[j]))
        }
        let times = rows.map(\.time)
        do {
            let lags = max(2, (count + 1) / 2)
            let pathCorrelation = try VelocityAutocorrelation(lagCount: lags)
            let referenceCorrelation = try VelocityAutocorrelation(lagCount: lags)
            try Self.observe(path, times: times, with: pathCorrelation)
            try Self.observe(reference, times: times, with: referenceCorrelation)
            lagTimes = pathCorrelation.times
            pathVACF = pathCorrelation.values
            referenceVACF = referenceCorrelation.values
            guard template.cell.periodic.allSatisfy({ $0 }) else { return }
            let reach = maximumRadius ?? 0.5 * template.cell.perpendicularWidths.min()
            let pathRDF = try RadialDistribution(maximumRadius: reach, binCount: bins)
            let referenceRDF = try RadialDistribution(maximumRadius: reach, binCount: bins)
            try Self.observe(path, times: times, with: pathRDF)
            try Self.observe(reference, times: times, with: referenceRDF)
            radii = pathRDF.radii
            pathDistribution = pathRDF.values
            referenceDistribution = referenceRDF.values
        } catch {
            throw .invalidSetting("the reference trajectory: \(error)")
        }
    }

    /// Checks that `reference` has at least two frames, each with velocities and matching the
    /// problem's atoms, masses, cell and units.
    public static func check(_ reference: [Configuration], against problem: LeastActionProblem) throws(LeastActionError) {
        guard reference.count >= 2 else {
            throw .invalidSetting("the reference trajectory needs at least 2 frames, got \(reference.count)")
        }
        for (index, frame) in reference.enumerated() {
            do { try LeastActionProblem.checkMatching(problem.template, frame) } catch {
                throw .invalidSetting("reference frame \(index + 1) does not match the end points: \(error)")
            }
            guard frame.velocities != nil else { throw .invalidSetting("reference frame \(index + 1) has no velocities") }
        }
    }

    static func positionRMSD(_ a: Configuration, _ b: Configuration) -> Double {
        var sum = 0.0
        for i in 0..<a.count {
            var d = a.positions[i] - b.positions[i]
            if a.cell.isPeriodic { d = a.cell.minimumImage(d) }
            sum += (d * d).sum()
        }
        return (sum / Double(a.count)).squareRoot()
    }

    static func momentumRMSD(_ a: Configuration, _ b: Configuration) -> Double {
        let va = a.velocities!, vb = b.velocities!
        var sum = 0.0
        for i in 0..<a.count {
            let p = a.masses[i] * (va[i] - vb[i])
            sum += (p * p).sum()
        }
        return (sum / Double(a.count)).squareRoot()
    }

    private static func observe(_ frames: [Configuration], times: [Double], with observer: some Observer) throws {
        for (frame, time) in zip(frames, times) {
            var state = try DynamicsState(configuration: frame)
            state.time = time
            try observer.observe(state)
        }
    }
}
