import BasinAtoms
import BasinDynamics
import BasinMath
import BasinNNP
import BasinPotentials

/// Committee-NNP Langevin MD from structures of the data set: for each temperature (in order)
/// and each run r, a start drawn from the data, velocities from Maxwell–Boltzmann, then
/// `equilibrate` + `steps` steps; every `interval`-th step after equilibration becomes an
/// `ExploredFrame` with the committee's deviation, its extrapolation warnings and (with a
/// reference potential) the true force error. A run blows up (runs away), and ends there, when
/// the energy is not finite, an atom's force exceeds `maxForce` (the committee's at every step,
/// the reference's on explored frames), or the integrator fails. A run is cut short, and ends
/// there, at the first explored frame where an atom's force error exceeds `maxError`: that frame
/// is kept (and always labelled), the model's detour after it is not explored. Frames a run gave
/// before it ended are kept; the frames it did not reach are counted. All randomness comes from `seed`.
struct Exploration {
    var settings: LearningSettings.Exploration
    var threads: Int

    struct Result {
        var frames: [ExploredFrame] = []
        var configurations: [Configuration] = []
        var runs = 0
        /// Why each run that blew up ended: "2500 K, run 0: force above 15 eV/Å at step 1460".
        var blowUps: [String] = []
        var blownUp: Int { blowUps.count }
        /// Why each run cut short by `maxError` ended: "2500 K, run 0: force error on atom 9 above 3.0 eV/Å at step 540".
        var cutShort: [String] = []
        /// Indices into `frames` of the frames that cut a run short.
        var cutFrames: [Int] = []
        /// Explored frames the runs that ended early (blown up or cut short) did not reach.
        var unexploredFrames = 0
        var stableTemperatures: [Double] = []
        /// Whether `shouldStop` ended it early (then the result is incomplete).
        var stopped = false
    }

    /// Ends a run from inside an observer: a runaway, or (`cutShort`) a frame off the reference by more than `maxError`.
    struct BlowUp: Error {
        var reason: String
        var cutShort = false
    }

    func run(
        committee: NNPCommittee, starts: [Configuration], reference: (any Potential)?, seed: UInt64,
        progress: (Int, Int) -> Void, shouldStop: () -> Bool
    ) throws -> Result {
        var result = Result()
        var master = SeededGenerator(seed: seed)
        let referenceCalculator = reference.map { Calculator(potential: $0, threads: threads) }
        let total = settings.temperatures.count * settings.runs
        let damping = 100 * settings.timeStep
        for temperature in settings.temperatures {
            var stable = true
            for run in 0..<settings.runs {
                var generator = SeededGenerator(seed: master.next())
                var start = starts[Int(generator.next() % UInt64(starts.count))]
                try MaxwellBoltzmann.assign(to: &start, temperature: temperature, generator: &generator)
                let calculator = Calculator(potential: committee, threads: threads)
                let simulation = try Simulation(
                    configuration: start, calculator: calculator,
                    integrator: try Langevin(timeStep: settings.timeStep, temperature: temperature, damping: damping,
                                             generator: SeededGenerator(seed: generator.next())))
                let watcher = Watcher(
                    committee: committee, maxForce: settings.maxForce, maxError: settings.maxError, first: settings.equilibrate, interval: settings.interval,
                    temperature: temperature, run: run, reference: referenceCalculator)
                try simulation.add(watcher, every: 1)
                result.runs += 1
                do {
                    try simulation.run(steps: settings.equilibrate + settings.steps, shouldStop: shouldStop)
                } catch let blowUp as BlowUp {
                    let reason = "\(Int(temperature)) K, run \(run): \(blowUp.reason)"
                    if blowUp.cutShort {
                        result.cutShort.append(reason)
                        result.cutFrames.append(result.frames.count + watcher.frames.count - 1)
                    } else {
                        result.blowUps.append(reason)
                    }
                    stable = false
                } catch let failure as DynamicsError {
                    result.blowUps.append("\(Int(temperature)) K, run \(run): \(failure)")
                    stable = false
                }
                result.unexploredFrames += max(0, settings.steps / settings.interval - watcher.frames.count)
                result.frames += watcher.frames
                result.configurations += watcher.configurations
                progress(result.runs, total)
                if shouldStop() {
                    result.stopped = true
                    return result
                }
            }
            if stable { result.stableTemperatures.append(temperature) }
        }
        return result
    }

    /// Checks every step for a blow-up and records the frames due.
    final class Watcher: Observer {
        let requiredProperties: Properties = [.energy]
        let committee: NNPCommittee
        let maxForce: Double
        let maxError: Double?
        let first: Int
        let interval: Int
        let temperature: Double
        let run: Int
        let reference: Calculator?
        var frames: [ExploredFrame] = []
        var configurations: [Configuration] = []

        init(
            committee: NNPCommittee, maxForce: Double, maxError: Double?, first: Int, interval: Int, temperature: Double, run: Int,
            reference: Calculator?
        ) {
            self.committee = committee
            self.maxForce = maxForce
            self.maxError = maxError
            self.first = first
            self.interval = interval
            self.temperature = temperature
            self.run = run
            self.reference = reference
        }

        func observe(_ state: DynamicsState) throws {
            let forces = state.evaluation.forces
            guard state.evaluation.energy.isFinite else { throw BlowUp(reason: "energy not finite at step \(state.step)") }
            var largest = 0.0
            for f in forces { largest = max(largest, (f * f).sum()) }
            guard largest.isFinite, largest <= maxForce * maxForce else {
                throw BlowUp(reason: "force above \(maxForce) eV/Å at step \(state.step)")
            }
            let step = state.step - first
            guard step > 0, step % interval == 0, let record = committee.deviations.last else { return }
            var frame = ExploredFrame(
                temperature: temperature, run: run, step: state.step,
                kineticTemperature: Thermodynamics.temperature(
                    kineticEnergy: state.configuration.kineticEnergy,
                    degreesOfFreedom: Thermodynamics.degreesOfFreedom(atomCount: state.atomCount), units: state.configuration.units),
                deviation: record.maximumForceDeviation ?? 0,
                deviationAtom: record.atom ?? 0, warnings: 0)
            if let monitor = committee.extrapolation {
                let perAtom = monitor.latestWarningsPerAtom
                frame.warnings = perAtom.reduce(0, +)
                if frame.warnings > 0 { frame.extrapolationAtom = perAtom.indices.max { perAtom[$0] < perAtom[$1] } }
            }
            if let reference {
                let truth = try reference.evaluate(state.configuration, [.forces]).forces
                // A structure the reference finds absurd (atoms run into each other where the
                // committee agrees on nonsense) ends the run instead of becoming data.
                if let bad = truth.firstIndex(where: { !(($0 * $0).sum() <= maxForce * maxForce) }) {
                    throw BlowUp(reason: "reference force on atom \(bad) above \(maxForce) eV/Å at step \(state.step)")
                }
                var worst = 0.0, atom = 0
                for i in forces.indices {
                    let d = forces[i] - truth[i]
                    let size = (d * d).sum()
                    if size > worst { worst = size; atom = i }
                }
                frame.error = worst.squareRoot()
                frame.errorAtom = atom
            }
            frames.append(frame)
            var configuration = state.configuration
            configuration.velocities = nil
            configurations.append(configuration)
            // The first frame that far off is kept (it shows where the model fails); the run,
            // which would go on in the model's detour, ends.
            if let maxError, let error = frame.error, error > maxError {
                throw BlowUp(reason: "force error on atom \(frame.errorAtom ?? 0) above \(maxError) eV/Å at step \(state.step)", cutShort: true)
            }
        }
    }
}
