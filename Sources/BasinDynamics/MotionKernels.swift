import BasinAtoms
import BasinMath
import BasinPotentials

// MARK: - The O(N) loops every integrator is built from
//
// Each loop runs over unsafe buffers of the state's own arrays and allocates nothing; kicks
// and drifts split the atoms over the calculator's threads.

extension DynamicsState {
    /// 1 / (m_i · mvv2e) for every atom: multiplied by a force (energy / length) it gives an
    /// acceleration (length / time²).
    func accelerationFactors() -> [Double] {
        let conversion = configuration.units.massVelocitySquaredToEnergy
        return configuration.masses.map { 1 / ($0 * conversion) }
    }

    /// Half-kick and friends: v ← v + h · F / (m · mvv2e), with `factors` from `accelerationFactors()`.
    mutating func kick(by h: Double, factors: [Double]) {
        let parts = parallelParts(threads: threads, count: factors.count)
        evaluation.forces.withUnsafeBufferPointer { f in
            factors.withUnsafeBufferPointer { w in
                configuration.velocities!.withUnsafeMutableBufferPointer { v in
                    nonisolated(unsafe) let v = v
                    concurrentForEach(parts) { part in
                        for i in (v.count * part / parts)..<(v.count * (part + 1) / parts) { v[i] += (h * w[i]) * f[i] }
                    }
                }
            }
        }
    }

    /// Drift: x ← x + h · v. Throws when a position stops being finite.
    mutating func drift(by h: Double) throws(DynamicsError) {
        let parts = parallelParts(threads: threads, count: configuration.count)
        // Per-part sums on the stack (no allocation per step).
        let sum = withUnsafeTemporaryAllocation(of: SIMD3<Double>.self, capacity: parts) { sums in
            sums.initialize(repeating: .zero)
            configuration.velocities!.withUnsafeBufferPointer { v in
                configuration.positions.withUnsafeMutableBufferPointer { x in
                    nonisolated(unsafe) let x = x, sums = sums
                    concurrentForEach(parts) { part in
                        var sum = SIMD3<Double>.zero
                        for i in (x.count * part / parts)..<(x.count * (part + 1) / parts) {
                            x[i] += h * v[i]
                            sum += x[i]
                        }
                        sums[part] = sum
                    }
                }
            }
            return sums.reduce(.zero, +)
        }
        // A NaN or infinity anywhere makes the sum non-finite.
        guard sum.x.isFinite, sum.y.isFinite, sum.z.isFinite else { throw .unstable(step: step + 1) }
    }

    /// Half-kick then drift in one pass over the atoms: v ← v + h · F / (m · mvv2e), then
    /// x ← x + Δt · v, the same arithmetic as `kick(by:factors:)` followed by `drift(by:)`.
    /// Throws when a position stops being finite.
    mutating func kickAndDrift(kick h: Double, drift dt: Double, factors: [Double]) throws(DynamicsError) {
        let parts = parallelParts(threads: threads, count: configuration.count)
        let sum = withUnsafeTemporaryAllocation(of: SIMD3<Double>.self, capacity: parts) { sums in
            sums.initialize(repeating: .zero)
            evaluation.forces.withUnsafeBufferPointer { f in
            factors.withUnsafeBufferPointer { w in
            configuration.velocities!.withUnsafeMutableBufferPointer { v in
            configuration.positions.withUnsafeMutableBufferPointer { x in
                nonisolated(unsafe) let v = v, x = x, sums = sums
                concurrentForEach(parts) { part in
                    var sum = SIMD3<Double>.zero
                    for i in (x.count * part / parts)..<(x.count * (part + 1) / parts) {
                        let velocity = v[i] + (h * w[i]) * f[i]
                        v[i] = velocity
                        x[i] += dt * velocity
                        sum += x[i]
                    }
                    sums[part] = sum
                }
            }}}}
            return sums.reduce(.zero, +)
        }
        guard sum.x.isFinite, sum.y.isFinite, sum.z.isFinite else { throw .unstable(step: step + 1) }
    }

    /// v ← s · v for every atom.
    mutating func scaleVelocities(by s: Double) {
        configuration.velocities!.withUnsafeMutableBufferPointer { v in
            for i in 0..<v.count { v[i] *= s }
        }
    }

    /// 2 KE = Σ m v² · mvv2e (energy units).
    func twiceKineticEnergy() -> Double {
        let sum = configuration.masses.withUnsafeBufferPointer { m in
            configuration.velocities!.withUnsafeBufferPointer { v in
                var sum = 0.0
                for i in 0..<v.count { sum += m[i] * (v[i] * v[i]).sum() }
                return sum
            }
        }
        return sum * configuration.units.massVelocitySquaredToEnergy
    }

    /// Evaluates forces and `properties` at the current positions.
    mutating func evaluate(with calculator: Calculator, _ properties: Properties) throws(DynamicsError) {
        let request = properties.union(.forces)
        do {
            try calculator.evaluate(configuration, request, into: &evaluation)
        } catch {
            // After a finite evaluation, NaN or infinite forces mean the integration blew up
            // (atoms driven into each other), not that the potential cannot serve the structure.
            if case .nonFiniteResult = error, !evaluatedProperties.isEmpty { throw .unstable(step: step + 1) }
            throw .evaluation(error)
        }
        evaluatedProperties = request
    }

    /// Moves the clock on by one step of length `dt`.
    mutating func tick(_ dt: Double) {
        step += 1
        time += dt
    }
}
