import BasinAtoms
import BasinPotentials

/// A boundary-value problem for a trajectory: two end configurations T apart, a potential, a
/// time grid and the loss weights.
///
/// The grid is t_k = k Δt, k = 0 … N_t, with Δt = T / N_t (N_t + 1 points). Coordinates are
/// flat (x₀, y₀, z₀, x₁, …). For a periodic cell the end point is unwrapped against the start
/// by minimum-image displacements, Q_T = Q₀ + mic(Q_T − Q₀), so that the network meets a
/// continuous path whatever image the files store.
public struct LeastActionProblem: Sendable {
    /// The start structure: species, masses, cell and units of the whole path.
    public let template: Configuration
    /// Q₀ (3N, length units).
    public let startPositions: [Double]
    /// Q_T (3N, length units), unwrapped against Q₀ in a periodic cell.
    public let endPositions: [Double]
    /// V₀ (3N, length / time), if the start file has velocities.
    public let startVelocities: [Double]?
    /// V_T (3N, length / time), if the end file has velocities.
    public let endVelocities: [Double]?
    /// T (time units).
    public let duration: Double
    /// N_t ≥ 3, grid intervals.
    public let intervals: Int
    /// The loss weights (`reweighted(_:)` gives the same problem with others).
    public internal(set) var weights: ActionWeights
    public let energyReference: EnergyReference
    public let potential: any Potential
    public let hessianProduct: HessianProduct

    /// Checks the end points and settings and prepares the problem.
    /// - Parameters:
    ///   - energyReference: E₀; nil takes the start's total energy when it has velocities and
    ///     the mean along the path otherwise.
    ///   - hessianProduct: nil uses the analytic Hessian when the potential has one and the
    ///     force difference otherwise.
    ///   - minimumDistance: atoms closer than this (length units) in either end point are an error.
    public init(
        start: Configuration, end: Configuration, potential: any Potential, duration: Double, intervals: Int,
        weights: ActionWeights = ActionWeights(), energyReference: EnergyReference? = nil,
        hessianProduct: HessianProduct? = nil, minimumDistance: Double = 0.1
    ) throws(LeastActionError) {
        guard intervals >= 3 else { throw .invalidSetting("the time grid needs at least 3 intervals (N_t ≥ 3), got \(intervals)") }
        guard duration.isFinite, duration > 0 else { throw .invalidSetting("the duration T must be positive, got \(duration)") }
        try weights.validate()
        guard potential.implementedProperties.contains(.energyAndForces) else {
            throw .potential(.unsupported(Properties.energyAndForces.subtracting(potential.implementedProperties),
                                          potential: String(describing: type(of: potential))))
        }
        try Self.checkMatching(start, end)
        do { try start.validate(minimumDistance: minimumDistance) } catch { throw .invalidEndPoint(which: "the start structure", error) }
        do { try end.validate(minimumDistance: minimumDistance) } catch { throw .invalidEndPoint(which: "the end structure", error) }
        do { try potential.check(start) } catch { throw .potential(error) }
        guard start.units == potential.units else {
            throw .potential(.unitMismatch(configuration: start.units.name, potential: potential.units.name))
        }
        if weights.startVelocity > 0, start.velocities == nil {
            throw .invalidSetting("the start velocity term needs velocities in the start structure")
        }
        if weights.endVelocity > 0, end.velocities == nil {
            throw .invalidSetting("the end velocity term needs velocities in the end structure")
        }
        let product = hessianProduct ?? (potential.implementedProperties.contains(.hessian) ? .analytic : .forceDifference(step: HessianProduct.defaultStep))
        if product == .analytic, !potential.implementedProperties.contains(.hessian) {
            throw .potential(.unsupported(.hessian, potential: String(describing: type(of: potential))))
        }
        if case .forceDifference(let step) = product, !(step > 0 && step.isFinite) {
            throw .invalidSetting("the force-difference step must be positive, got \(step)")
        }

        template = start
        startPositions = Self.flatten(start.positions)
        var unwrapped = end.positions
        if start.cell.isPeriodic {
            for i in unwrapped.indices {
                unwrapped[i] = start.positions[i] + start.cell.minimumImage(end.positions[i] - start.positions[i])
            }
        }
        endPositions = Self.flatten(unwrapped)
        startVelocities = start.velocities.map(Self.flatten)
        endVelocities = end.velocities.map(Self.flatten)
        self.duration = duration
        self.intervals = intervals
        self.weights = weights
        self.potential = potential
        self.hessianProduct = product
        if let energyReference {
            self.energyReference = energyReference
        } else if start.velocities != nil {
            do {
                let energy = try Calculator(potential: potential).evaluate(start, .energy).energy
                self.energyReference = .fixed(energy + start.kineticEnergy)
            } catch {
                throw .potential(error)
            }
        } else {
            self.energyReference = .pathMean
        }
    }

    /// The same problem with other loss weights.
    public func reweighted(_ weights: ActionWeights) throws(LeastActionError) -> LeastActionProblem {
        try weights.validate()
        var copy = self
        copy.weights = weights
        return copy
    }

    /// Number of atoms.
    public var atomCount: Int { template.count }
    /// Δt = T / N_t.
    public var timeStep: Double { duration / Double(intervals) }
    /// The grid times t_k = k Δt, k = 0 … N_t.
    public var gridTimes: [Double] { (0...intervals).map { Double($0) * timeStep } }

    /// The straight line (1 − t/T) Q₀ + (t/T) Q_T at `time`.
    public func straightLine(at time: Double) -> [Double] {
        let s = time / duration
        return zip(startPositions, endPositions).map { (1 - s) * $0 + s * $1 }
    }

    static func flatten(_ vectors: [SIMD3<Double>]) -> [Double] {
        var flat = [Double]()
        flat.reserveCapacity(3 * vectors.count)
        for v in vectors { flat += [v.x, v.y, v.z] }
        return flat
    }

    static func checkMatching(_ start: Configuration, _ end: Configuration) throws(LeastActionError) {
        guard start.count == end.count else {
            throw .endPointMismatch("the start has \(start.count) atoms and the end \(end.count)")
        }
        guard start.count > 0 else { throw .endPointMismatch("the structures have no atoms") }
        if let i = (0..<start.count).first(where: { start.symbols[$0] != end.symbols[$0] }) {
            throw .endPointMismatch("atom \(i + 1) is \(start.symbols[i]) at the start and \(end.symbols[i]) at the end")
        }
        guard start.masses == end.masses else { throw .endPointMismatch("the atom masses differ") }
        guard start.units == end.units else { throw .endPointMismatch("the start is in \(start.units.name) units and the end in \(end.units.name)") }
        guard start.cell.periodic == end.cell.periodic, start.cell.vectors == end.cell.vectors else {
            throw .endPointMismatch("the cells differ")
        }
    }
}
