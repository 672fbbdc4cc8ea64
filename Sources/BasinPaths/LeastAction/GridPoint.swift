import BasinAtoms
import BasinPotentials

/// One time of the loss grid: its own calculator (so its neighbor list follows that time's
/// configuration from step to step) and scratch, so grid times run on separate threads.
final class GridPoint: @unchecked Sendable {
    let calculator: Calculator
    var configuration: Configuration
    var evaluation = Evaluation()
    /// Configuration and forces at Q ± ε v̂ for the force-difference Hessian product.
    var displaced: Configuration
    var displacedEvaluation = Evaluation()
    var plusForces: [SIMD3<Double>]
    /// r = c M Q̈ − F (energy / length, 3N numbers).
    var residual: [Double]
    /// H r (3N numbers).
    var hessianTimesResidual: [Double]
    /// V(Q(t)) and ½ c Σ m q̇².
    var potentialEnergy = 0.0
    var kineticEnergy = 0.0
    /// |r|².
    var residualSquared = 0.0

    /// The pair-list product for Lennard-Jones, which needs no dense Hessian.
    let pairProduct: LennardJonesHessianProduct?

    init(template: Configuration, potential: any Potential) {
        calculator = Calculator(potential: potential, threads: 1)
        pairProduct = (potential as? LennardJones).map(LennardJonesHessianProduct.init)
        configuration = template
        configuration.velocities = nil
        displaced = configuration
        let d = 3 * template.count
        plusForces = [SIMD3<Double>](repeating: .zero, count: template.count)
        residual = [Double](repeating: 0, count: d)
        hessianTimesResidual = residual
    }

    var totalEnergy: Double { potentialEnergy + kineticEnergy }

    /// Evaluates V, F and (if `product` is given) H r at the positions, velocities and
    /// accelerations in `row`, `velocityRow`, `accelerationRow` (3N numbers each).
    func evaluate(
        positions row: UnsafePointer<Double>, velocities velocityRow: UnsafePointer<Double>,
        accelerations accelerationRow: UnsafePointer<Double>, product: HessianProduct?
    ) throws(PotentialError) {
        let n = configuration.count
        let c = configuration.units.massVelocitySquaredToEnergy
        configuration.positions.withUnsafeMutableBufferPointer { x in
            for i in 0..<n { x[i] = SIMD3(row[3 * i], row[3 * i + 1], row[3 * i + 2]) }
        }
        var properties = Properties.energyAndForces
        if product == .analytic, pairProduct == nil { properties.insert(.hessian) }
        try calculator.evaluate(configuration, properties, into: &evaluation)
        potentialEnergy = evaluation.energy
        var twiceKinetic = 0.0, squared = 0.0
        configuration.masses.withUnsafeBufferPointer { m in
        evaluation.forces.withUnsafeBufferPointer { f in
        residual.withUnsafeMutableBufferPointer { r in
            for i in 0..<n {
                let v = SIMD3(velocityRow[3 * i], velocityRow[3 * i + 1], velocityRow[3 * i + 2])
                let a = SIMD3(accelerationRow[3 * i], accelerationRow[3 * i + 1], accelerationRow[3 * i + 2])
                twiceKinetic += m[i] * (v * v).sum()
                let ri = (c * m[i]) * a - f[i]
                r[3 * i] = ri.x
                r[3 * i + 1] = ri.y
                r[3 * i + 2] = ri.z
                squared += (ri * ri).sum()
            }
        }}}
        kineticEnergy = 0.5 * c * twiceKinetic
        residualSquared = squared
        switch product {
        case nil: break
        case .analytic:
            if let pairProduct {
                pairProduct.multiply(residual, into: &hessianTimesResidual, neighbors: calculator.neighbors)
                return
            }
            guard let h = evaluation.hessian else { preconditionFailure("the calculator returned no Hessian") }
            h.multiply(residual, into: &hessianTimesResidual)
        case .forceDifference(let step):
            try differenceProduct(step: step)
        }
    }

    /// H r ≈ −[F(Q + ε r̂) − F(Q − ε r̂)] |r| / (2ε).
    private func differenceProduct(step: Double) throws(PotentialError) {
        let n = configuration.count
        let norm = residualSquared.squareRoot()
        guard norm > 0 else {
            for k in hessianTimesResidual.indices { hessianTimesResidual[k] = 0 }
            return
        }
        let scale = step / norm
        for sign in [1.0, -1.0] {
            for i in 0..<n {
                let r = SIMD3(residual[3 * i], residual[3 * i + 1], residual[3 * i + 2])
                displaced.positions[i] = configuration.positions[i] + (sign * scale) * r
            }
            try calculator.evaluate(displaced, .forces, into: &displacedEvaluation)
            if sign > 0 {
                for i in 0..<n { plusForces[i] = displacedEvaluation.forces[i] }
            }
        }
        let factor = -norm / (2 * step)
        for i in 0..<n {
            let difference = factor * (plusForces[i] - displacedEvaluation.forces[i])
            hessianTimesResidual[3 * i] = difference.x
            hessianTimesResidual[3 * i + 1] = difference.y
            hessianTimesResidual[3 * i + 2] = difference.z
        }
    }
}
