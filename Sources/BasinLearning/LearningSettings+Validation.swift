import BasinAtoms

extension LearningSettings {
    /// Checks keys, ranges and orders that need no file: every problem is a `LearningError`
    /// naming the key. The reference's elements are checked when the loop is built.
    public func validate() throws(LearningError) {
        guard !elements.isEmpty else { throw LearningError("elements: give at least one element") }
        for (index, symbol) in elements.enumerated() {
            guard (try? Element(symbol: symbol)) != nil else { throw LearningError("elements: unknown element '\(symbol)'") }
            guard !elements[..<index].contains(symbol) else { throw LearningError("elements: \(symbol) is listed twice") }
        }
        try validateReference()
        try validateSeedData()
        let t = training
        guard t.committee >= 2, t.committee <= 64 else { throw LearningError("training.committee must lie in 2…64 (a deviation needs two members), got \(t.committee)") }
        guard !t.hidden.isEmpty, t.hidden.allSatisfy({ $0 >= 1 && $0 <= 10_000 }) else { throw LearningError("training.hidden: give layer widths in 1…10000") }
        guard t.epochs >= 1 else { throw LearningError("training.epochs must be at least 1, got \(t.epochs)") }
        if let later = t.laterEpochs, later < 1 { throw LearningError("training.later_epochs must be at least 1, got \(later)") }
        if let last = t.finalEpochs, last < 1 { throw LearningError("training.final_epochs must be at least 1, got \(last)") }
        guard t.batchSize >= 1 else { throw LearningError("training.batch_size must be at least 1, got \(t.batchSize)") }
        guard t.learningRate > 0, t.learningRate.isFinite else { throw LearningError("training.learning_rate must be positive, got \(t.learningRate)") }
        guard t.finalLearningRate > 0, t.finalLearningRate <= t.learningRate else {
            throw LearningError("training.final_learning_rate must lie in (0, learning_rate], got \(t.finalLearningRate)")
        }
        guard t.forceWeight >= 0, t.forceWeight.isFinite else { throw LearningError("training.force_weight must be ≥ 0, got \(t.forceWeight)") }
        if let weight = t.finalForceWeight, !(weight >= 0 && weight.isFinite) {
            throw LearningError("training.final_force_weight must be ≥ 0, got \(weight)")
        }
        if let rate = t.finalInitialLearningRate, !(rate >= t.finalLearningRate && rate.isFinite) {
            throw LearningError("training.final_initial_learning_rate must be finite and at least final_learning_rate (\(t.finalLearningRate)), got \(rate)")
        }
        guard t.testFraction > 0, t.testFraction < 1 else { throw LearningError("training.test_fraction must lie in (0, 1), got \(t.testFraction)") }
        let e = exploration
        guard !e.temperatures.isEmpty, e.temperatures.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw LearningError("exploration.temperatures: give one or more positive temperatures (K)")
        }
        guard e.runs >= 1 else { throw LearningError("exploration.runs must be at least 1, got \(e.runs)") }
        guard e.steps >= 1, e.equilibrate >= 0 else { throw LearningError("exploration.steps must be ≥ 1 and exploration.equilibrate ≥ 0") }
        guard e.interval >= 1, e.interval <= e.steps else { throw LearningError("exploration.interval must lie in 1…steps (\(e.steps)), got \(e.interval)") }
        guard e.timeStep > 0, e.timeStep.isFinite else { throw LearningError("exploration.time_step must be positive, got \(e.timeStep)") }
        guard e.maxForce > 0 else { throw LearningError("exploration.max_force must be positive, got \(e.maxForce)") }
        if let limit = e.maxError, !(limit > 0) { throw LearningError("exploration.max_error must be positive, got \(limit)") }
        let c = candidates
        for (key, value) in [("lower", c.lower), ("upper", c.upper), ("error_threshold", c.errorThreshold)] {
            if let value, !(value > 0 && value.isFinite) { throw LearningError("candidates.\(key) must be a positive number (eV/Å), got \(value)") }
        }
        if let lower = c.lower, let upper = c.upper, lower >= upper {
            throw LearningError("candidates: lower (\(lower)) must lie below upper (\(upper))")
        }
        guard c.upperRatio > 1, c.upperRatio.isFinite else { throw LearningError("candidates.upper_ratio must be greater than 1, got \(c.upperRatio)") }
        guard c.perIteration >= 1 else { throw LearningError("candidates.per_iteration must be at least 1, got \(c.perIteration)") }
        if c.errorThreshold != nil, reference.potential == nil {
            throw LearningError("candidates.error_threshold needs a reference potential (a command cannot be compared on every frame)")
        }
        let v = convergence
        guard v.accurateFraction > 0, v.accurateFraction <= 1 else {
            throw LearningError("convergence.accurate_fraction must lie in (0, 1], got \(v.accurateFraction)")
        }
        guard v.maxIterations >= 1 else { throw LearningError("convergence.max_iterations must be at least 1, got \(v.maxIterations)") }
        guard v.maxStructures >= 1 else { throw LearningError("convergence.max_structures must be at least 1, got \(v.maxStructures)") }
        if let md = finalMD {
            guard md.temperature > 0, md.steps >= 1 else { throw LearningError("final_md: need a positive temperature and steps ≥ 1") }
        }
        let s = symmetryFunctions
        guard s.cutoff > 0, s.shifted >= 0, s.centred >= 0, s.angularWidths >= 0, s.shifted + s.centred >= 1, s.zetaMax >= 1 else {
            throw LearningError("symmetry_functions: need cutoff > 0, shifted + centred ≥ 1, angular_widths ≥ 0, zeta_max ≥ 1")
        }
        guard (0...8).contains(s.cutoffType) else { throw LearningError("symmetry_functions.cutoff_type must lie in 0…8, got \(s.cutoffType)") }
        if let r = s.shortest, !(r > 0 && r < s.cutoff) { throw LearningError("symmetry_functions.shortest must lie in (0, cutoff), got \(r)") }
        guard threads >= 1, threads <= 1024 else { throw LearningError("threads must lie in 1…1024, got \(threads)") }
    }

    private func validateReference() throws(LearningError) {
        let r = reference
        switch (r.potential, r.command) {
        case (nil, nil): throw LearningError("reference: give potential (sw or lj) or command")
        case (_?, _?): throw LearningError("reference: give potential or command, not both")
        case (let name?, nil):
            guard ["sw", "lj"].contains(name) else { throw LearningError("reference.potential: unknown potential '\(name)' (sw or lj)") }
            guard r.elements == nil else { throw LearningError("reference.elements belongs to a command reference") }
            if name == "lj" {
                guard let e = r.epsilon, let s = r.sigma, e > 0, s > 0 else { throw LearningError("reference: lj needs epsilon > 0 (eV) and sigma > 0 (Å)") }
            }
        case (nil, let command?):
            guard !command.isEmpty else { throw LearningError("reference.command is empty") }
            guard let listed = r.elements, !listed.isEmpty else { throw LearningError("reference.elements: a command reference lists the elements it labels") }
            if let missing = elements.first(where: { !listed.contains($0) }) {
                throw LearningError("reference: the command does not label \(missing) (reference.elements: \(listed.joined(separator: ", ")))")
            }
        }
    }

    private func validateSeedData() throws(LearningError) {
        let d = seedData
        if d.file != nil { return }
        guard reference.potential != nil else { throw LearningError("seed_data: sampling needs a reference potential; give seed_data.file with a command reference") }
        guard Lattice(rawValue: d.lattice) != nil else { throw LearningError("seed_data.lattice: unknown lattice '\(d.lattice)'") }
        guard d.latticeConstant > 0, d.cells >= 1 else { throw LearningError("seed_data: need lattice_constant > 0 and cells ≥ 1") }
        guard d.temperature > 0, d.steps >= 1, d.equilibrate >= 0, d.timeStep > 0 else {
            throw LearningError("seed_data: need temperature > 0, steps ≥ 1, equilibrate ≥ 0, time_step > 0")
        }
        if let missing = elements.first(where: { d.alpha[$0] == nil }) { throw LearningError("seed_data.alpha: no threshold α for \(missing)") }
        if let (symbol, value) = d.alpha.first(where: { !($0.value > 0 && $0.value.isFinite) }) {
            throw LearningError("seed_data.alpha.\(symbol) must be positive (eV/Å), got \(value)")
        }
        guard d.maxInterval >= 1 else { throw LearningError("seed_data.max_interval must be at least 1, got \(d.maxInterval)") }
        guard d.maxStructures >= 2 else { throw LearningError("seed_data.max_structures must be at least 2, got \(d.maxStructures)") }
    }
}
