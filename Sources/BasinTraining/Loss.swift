import BasinDescriptors
import BasinMath
import BasinNN
import BasinNNP

/// The training objective of a Behler–Parrinello potential over a set of reference structures,
/// with its exact gradient with respect to every weight and bias:
///
///     Γ(w) = ½ Σ_j [ β (Ê_j/N_j − E_j/N_j)² + (α/(3N_j)) Σ_k |F̂_k − F_k|² + (γ/N_j) Σ_i (Ê_i − E_i)² ]
///            + ½ λ |w|²
///
/// over structures j with N_j atoms, where Ê_j = Σ_i Ê_i, Ê_i and F̂_k are the model's predictions
/// exactly as `NeuralNetworkPotential` makes them (model units, energy offsets and
/// normalization included):
///
///     E_i = NN_e(x_i)/conv + mean_energy + E_atom(e),   x_is = S_min + f_s (G_is − o_s)
///     F̂_k = −Σ_i Σ_s c_is ∂G_is/∂x_k,                   c_is = f_s g_is / conv,  g = ∂NN/∂x
///
/// and w is the flat vector of all networks' parameters (`NNPModel.parameters`: element after
/// element, each in n2p2 order). β = `energyWeight` (1 in the usual objective),
/// α = `forceWeight`, γ = `atomEnergyWeight` (0 unless the data carry reference per-atom
/// energies E_i; structures without them add no γ term), λ = `regularization`.
///
/// Gradient. With ε_j = (Ê_j − E_j)/N_j and residuals r_k = F̂_k − F_k:
///
///     ∂Γ_E/∂w = β ε_j/(N_j conv) Σ_i ∂NN_i/∂w                        (accumulateParameterGradient)
///     ∂Γ_A/∂w = (γ/(N_j conv)) Σ_i δ_i ∂NN_i/∂w,  δ_i = Ê_i − E_i       (the same call, per-atom weights)
///     ∂Γ_F/∂w = (α/(3N_j)) Σ_k r_k·∂F̂_k/∂w = Σ_i Σ_s d_is ∂g_is/∂w,
///         d_is = −(α/(3N_j)) (f_s/conv) v_is,  v_is = Σ_{a ∈ nbhd(i)} r_owner(a) · ∂G_is/∂x_a
///                                                   (accumulateInputGradientParameterDerivative)
///     ∂Γ_L2/∂w = λ w
///
/// where ghost images a of a periodic structure take the residual of the atom they image, so
/// each element's batch needs one call of each network derivative per structure.
///
/// The symmetry functions and input scaling are fixed when the loss is made (only the weights
/// vary); structures are split over up to `threads` contiguous parts evaluated concurrently,
/// each with its own workspaces and accumulator, summed in part order.
public struct Loss: Sendable {
    /// The model whose settings, statistics and network shapes the loss uses (its own
    /// parameters are only the default point).
    public let model: NNPModel
    public let structures: [TrainingStructure]
    /// β, the weight of the energy term (1 in the usual objective).
    public var energyWeight: Double
    /// α, the weight of the force term relative to the energy term.
    public var forceWeight: Double
    /// γ, the weight of the per-atom energy term (≥ 0; used for structures with `atomEnergies`).
    public var atomEnergyWeight: Double
    /// λ, the L2 regularization strength.
    public var regularization: Double
    /// Number of concurrent parts the structures are split into (≥ 1).
    public var threads: Int

    /// Network inputs of each structure: per element, row-major A_e × n_e scaled G.
    let inputs: [[[Double]]]
    /// Input scaling, atomic energies and ∂E/∂G around the networks, as in inference.
    let kernel: NNPForwardKernel
    /// f_s of each element's functions.
    var factors: [[Double]] { kernel.factors }
    /// 1/conv_energy.
    var inverseConv: Double { kernel.inverseConv }

    /// - Parameters:
    ///   - model: settings (functions, scaling, normalization) and statistics to train with;
    ///     the structures must have been prepared with the same symmetry functions.
    ///   - forceWeight: α ≥ 0; `energyWeight`: β ≥ 0; `atomEnergyWeight`: γ ≥ 0;
    ///     `regularization`: λ ≥ 0.
    public init(
        model: NNPModel, structures: [TrainingStructure], energyWeight: Double = 1, forceWeight: Double = 1,
        atomEnergyWeight: Double = 0, regularization: Double = 0, threads: Int = 1
    ) {
        self.model = model
        self.structures = structures
        self.energyWeight = energyWeight
        self.forceWeight = forceWeight
        self.atomEnergyWeight = atomEnergyWeight
        self.regularization = regularization
        self.threads = max(1, threads)
        precondition(forceWeight == 0 || structures.allSatisfy(\.hasForces), "a force term needs structures with reference forces")
        let kernel = NNPForwardKernel(model: model)
        self.kernel = kernel
        inputs = structures.map { structure in
            let stride = structure.values.stride
            return structure.atomsOfElement.enumerated().map { e, atoms in
                let n = model.networks[e].inputCount
                precondition(n == kernel.inputCount(element: e), "network \(e) has \(n) inputs for \(kernel.inputCount(element: e)) functions")
                precondition(atoms.allSatisfy { structure.values.functionCounts[$0] == n }, "structure prepared with other symmetry functions")
                var x = [Double](repeating: 0, count: atoms.count * n)
                structure.values.values.withUnsafeBufferPointer { g in
                    x.withUnsafeMutableBufferPointer {
                        kernel.scaleInputs(element: e, atoms: atoms, values: g, stride: stride, into: $0)
                    }
                }
                return x
            }
        }
    }

    /// Number of parameters, the length of the flat parameter vector.
    public var parameterCount: Int { model.parameterCount }

    /// The terms of Γ.
    public struct Value: Sendable, Equatable {
        /// ½ β Σ_j ε_j².
        public var energy = 0.0
        /// ½ Σ_j (α/(3N_j)) Σ_k |r_k|².
        public var forces = 0.0
        /// ½ Σ_j (γ/N_j) Σ_i δ_i².
        public var atomEnergies = 0.0
        /// ½ λ |w|².
        public var regularization = 0.0
        /// Γ, the sum of the terms.
        public var total: Double { energy + forces + atomEnergies + regularization }

        public init() {}
    }

    /// The model's prediction for one structure (model units).
    public struct Prediction: Sendable {
        public var energy: Double
        public var atomEnergies: [Double]
        public var forces: [SIMD3<Double>]
    }

    /// Errors of the predictions against the references.
    public struct Errors: Sendable, Equatable {
        /// RMSE and MAE of E_j/N_j over structures.
        public var energyPerAtomRMSE = 0.0, energyPerAtomMAE = 0.0
        /// Mean signed error of E_j/N_j (prediction − reference) over structures.
        public var energyPerAtomMeanError = 0.0
        /// RMSE and MAE over all Cartesian force components of structures with reference forces
        /// (zero when none have them).
        public var forceRMSE = 0.0, forceMAE = 0.0
        /// RMSE and MAE of the per-atom energies E_i over the atoms of structures that have them
        /// (`atomEnergyCount` atoms; zero when none do).
        public var atomEnergyRMSE = 0.0, atomEnergyMAE = 0.0
        public var structureCount = 0, forceComponentCount = 0, atomEnergyCount = 0
    }

    /// Γ at `parameters` (default: the model's).
    public func value(parameters: [Double]? = nil) -> Value {
        run(parameters, gradient: false).value
    }

    /// Γ and ∂Γ/∂w at `parameters` (default: the model's).
    public func valueAndGradient(parameters: [Double]? = nil) -> (value: Value, gradient: [Double]) {
        run(parameters, gradient: true)
    }

    /// The predictions for every structure at `parameters` (default: the model's).
    public func predictions(parameters: [Double]? = nil) -> [Prediction] {
        let networks = networks(parameters)
        var result = [Prediction?](repeating: nil, count: structures.count)
        let parts = min(threads, structures.count)
        result.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            concurrentForEach(parts) { part in
                let workspaces = networks.map { NeuralNetwork.Workspace(for: $0) }
                for j in range(part, of: parts) {
                    let f = forward(j, networks, workspaces, secondDerivatives: false)
                    buffer[j] = Prediction(energy: f.energy, atomEnergies: f.atomEnergies, forces: f.forces)
                }
            }
        }
        return result.map { $0! }
    }

    /// RMSE and MAE of energy per atom and force components over the structures.
    public func errors(parameters: [Double]? = nil) -> Errors {
        errors(of: predictions(parameters: parameters))
    }

    /// RMSE and MAE of `predictions` (one per structure, as `predictions(parameters:)` makes
    /// them) against the references.
    public func errors(of predictions: [Prediction]) -> Errors {
        precondition(predictions.count == structures.count, "one prediction per structure")
        var errors = Errors()
        var e2 = 0.0, e1 = 0.0, e0 = 0.0, f2 = 0.0, f1 = 0.0, a2 = 0.0, a1 = 0.0
        for (structure, prediction) in zip(structures, predictions) {
            let de = (prediction.energy - structure.energy) / Double(structure.count)
            e2 += de * de
            e1 += abs(de)
            e0 += de
            if structure.hasForces {
                for (p, r) in zip(prediction.forces, structure.forces) {
                    let d = p - r
                    f2 += (d * d).sum()
                    f1 += abs(d.x) + abs(d.y) + abs(d.z)
                }
                errors.forceComponentCount += 3 * structure.count
            }
            if let reference = structure.atomEnergies {
                for (p, r) in zip(prediction.atomEnergies, reference) {
                    a2 += (p - r) * (p - r)
                    a1 += abs(p - r)
                }
                errors.atomEnergyCount += structure.count
            }
            errors.structureCount += 1
        }
        if errors.atomEnergyCount > 0 {
            errors.atomEnergyRMSE = (a2 / Double(errors.atomEnergyCount)).squareRoot()
            errors.atomEnergyMAE = a1 / Double(errors.atomEnergyCount)
        }
        if errors.structureCount > 0 {
            errors.energyPerAtomRMSE = (e2 / Double(errors.structureCount)).squareRoot()
            errors.energyPerAtomMAE = e1 / Double(errors.structureCount)
            errors.energyPerAtomMeanError = e0 / Double(errors.structureCount)
        }
        if errors.forceComponentCount > 0 {
            errors.forceRMSE = (f2 / Double(errors.forceComponentCount)).squareRoot()
            errors.forceMAE = f1 / Double(errors.forceComponentCount)
        }
        return errors
    }

    // MARK: - Levenberg–Marquardt pieces

    /// The weighted residuals of structure j, `residualCount(structure:)` entries, such that
    /// ½ Σ r² is its share of Γ (without regularization): r_0 = √β (Ê_j − E_j)/N_j, then
    /// r_(1+3k+d) = √(α/(3N_j)) (F̂_kd − F_kd) for atom k and component d, then, when γ > 0 and
    /// the structure has reference per-atom energies, r_(1+3N_j+i) = √(γ/N_j) (Ê_i − E_i).
    public func residuals(structure j: Int, parameters: [Double]? = nil) -> [Double] {
        let networks = networks(parameters)
        let f = forward(j, networks, networks.map { NeuralNetwork.Workspace(for: $0) }, secondDerivatives: false)
        return residuals(j, f)
    }

    /// Number of residuals of structure j: 1 + 3N_j, plus N_j per-atom energy rows when γ > 0
    /// and the structure has reference per-atom energies.
    public func residualCount(structure j: Int) -> Int {
        let n = structures[j].count
        return 1 + 3 * n + (usesAtomEnergies(j) ? n : 0)
    }

    /// The residuals of structure j and their Jacobian ∂r/∂w, row-major, residualCount × P:
    /// row 0 is √β/(N_j conv) Σ_i ∂NN_i/∂w; the row of force component (k, d) is
    /// √(α/(3N_j)) ∂F̂_kd/∂w = Σ_i Σ_s D_is ∂g_is/∂w with
    /// D_is = −√(α/(3N_j)) (f_s/conv) Σ_{a ∈ nbhd(i), owner(a) = k} ∂G_is/∂x_a,d,
    /// one mixed-derivative call per element and row; the row of atom i's energy is
    /// √(γ/N_j)/conv ∂NN_i/∂w. Jᵀr is the gradient of the structure's share of Γ.
    ///
    /// With `forceComponents` (indices 3k + d) only those force rows are formed, in that order,
    /// after row 0, and no per-atom energy rows: (1 + count) × P; of the residuals (all rows, as
    /// without it) only r_0, the per-atom energy rows and the asked components' atoms' force
    /// rows are computed, the other force rows are 0 (the model's forces are formed on those
    /// atoms only: a Kalman update reads one component).
    public func residualsAndJacobian(
        structure j: Int, parameters: [Double]? = nil, forceComponents: [Int]? = nil
    ) -> (residuals: [Double], jacobian: [Double]) {
        let networks = networks(parameters)
        let workspaces = networks.map { NeuralNetwork.Workspace(for: $0) }
        let structure = structures[j], n = structure.count, values = structure.values, stride = values.stride
        let components = forceComponents ?? Array(0..<(3 * n))
        precondition(components.allSatisfy { (0..<(3 * n)).contains($0) }, "force components 3k + d of this structure")
        let forcedAtoms = forceComponents.map { atomFlags(j, components: $0) }
        let f = forward(j, networks, workspaces, secondDerivatives: true, forcesOn: forcedAtoms)
        var r = residuals(j, f)
        if let forcedAtoms {
            for k in 0..<n where !forcedAtoms[k] { r[1 + 3 * k] = 0; r[2 + 3 * k] = 0; r[3 + 3 * k] = 0 }
        }
        let offsets = model.parameterOffsets, p = offsets.last!
        let atomRows = forceComponents == nil && usesAtomEnergies(j)
        var jacobian = [Double](repeating: 0, count: (1 + components.count + (atomRows ? n : 0)) * p)
        let energyScale = energyWeight.squareRoot() / (Double(n) / inverseConv)
        let forceScale = -(forceWeight / Double(3 * n)).squareRoot() * inverseConv
        // Neighborhood entries grouped by the atom they act on: (atom i, entry), for the atoms
        // whose force rows are formed.
        var entriesOf = [[(Int, Int)]](repeating: [], count: n)
        for i in 0..<n {
            for e in values.neighborhoodStart[i]..<values.neighborhoodStart[i + 1] {
                let owner = Int(structure.entryOwners[e])
                if forcedAtoms?[owner] ?? true { entriesOf[owner].append((i, e)) }
            }
        }
        let local = structure.atomsOfElement.map { atoms in
            var index = [Int](repeating: -1, count: n)
            for (a, i) in atoms.enumerated() { index[i] = a }
            return index
        }
        jacobian.withUnsafeMutableBufferPointer { jac in
            for (e, atoms) in structure.atomsOfElement.enumerated() where !atoms.isEmpty {
                let slice = UnsafeMutableBufferPointer(rebasing: jac[offsets[e]..<offsets[e + 1]])
                if energyScale != 0 {
                    let weights = [Double](repeating: energyScale, count: atoms.count)
                    weights.withUnsafeBufferPointer {
                        networks[e].accumulateParameterGradient(atomWeights: $0, workspace: workspaces[e], into: slice)
                    }
                }
                guard atomRows else { continue }
                // Atom i's row: a one-hot weight on i in its element's batch.
                let atomScale = (atomEnergyWeight / Double(n)).squareRoot() * inverseConv
                var oneHot = [Double](repeating: 0, count: atoms.count)
                for (a, i) in atoms.enumerated() {
                    let row = (1 + components.count + i) * p
                    let slice = UnsafeMutableBufferPointer(rebasing: jac[(row + offsets[e])..<(row + offsets[e + 1])])
                    oneHot[a] = atomScale
                    oneHot.withUnsafeBufferPointer {
                        networks[e].accumulateParameterGradient(atomWeights: $0, workspace: workspaces[e], into: slice)
                    }
                    oneHot[a] = 0
                }
            }
            guard forceWeight != 0 else { return }
            for (position, component) in components.enumerated() {
                let k = component / 3, d = component % 3
                let row = (1 + position) * p
                for (e, atoms) in structure.atomsOfElement.enumerated() where !atoms.isEmpty {
                    let inputs = networks[e].inputCount, factor = factors[e]
                    var directions = [Double](repeating: 0, count: atoms.count * inputs)
                    var any = false
                    for (i, entry) in entriesOf[k] where local[e][i] >= 0 {
                        let a = local[e][i]
                        for s in 0..<inputs {
                            directions[a * inputs + s] += values.derivatives[entry * stride + s][d]
                        }
                        any = true
                    }
                    guard any else { continue }
                    for a in 0..<atoms.count {
                        for s in 0..<inputs { directions[a * inputs + s] *= forceScale * factor[s] }
                    }
                    let slice = UnsafeMutableBufferPointer(rebasing: jac[(row + offsets[e])..<(row + offsets[e + 1])])
                    directions.withUnsafeBufferPointer {
                        networks[e].accumulateInputGradientParameterDerivative(directions: $0, workspace: workspaces[e], into: slice)
                    }
                }
            }
        }
        return (r, jacobian)
    }

    // MARK: - Internals

    /// The networks with `parameters` (or the model's).
    func networks(_ parameters: [Double]?) -> [NeuralNetwork] {
        guard let parameters else { return model.networks }
        var copy = model
        copy.parameters = parameters
        return copy.networks
    }

    /// Structures of part `part` of `parts`: a contiguous range.
    func range(_ part: Int, of parts: Int) -> Range<Int> {
        (structures.count * part / parts)..<(structures.count * (part + 1) / parts)
    }

    struct Forward {
        var energy: Double
        var atomEnergies: [Double]
        var forces: [SIMD3<Double>]
    }

    /// Evaluates structure j's networks (leaving each element's batch in `workspaces[e]`) and
    /// assembles Ê, E_i and F̂ as `NeuralNetworkPotential` does.
    /// Structure j's energy, atom energies and forces: on every atom, or with `forcesOn` (one
    /// flag per atom) on the flagged atoms only, the others' left zero.
    func forward(
        _ j: Int, _ networks: [NeuralNetwork], _ workspaces: [NeuralNetwork.Workspace], secondDerivatives: Bool,
        forcesOn selected: [Bool]? = nil
    ) -> Forward {
        let structure = structures[j], values = structure.values, n = structure.count, stride = values.stride
        var energies = [Double](repeating: 0, count: n)
        var c = [Double](repeating: 0, count: n * stride)
        for (e, atoms) in structure.atomsOfElement.enumerated() where !atoms.isEmpty {
            let network = networks[e]
            let outputs = network.evaluate(inputs: self.inputs[j][e], workspace: workspaces[e], secondDerivatives: secondDerivatives)
            let gradient = network.inputGradient(workspace: workspaces[e])
            outputs.withUnsafeBufferPointer { outputs in
            gradient.withUnsafeBufferPointer { gradient in
            energies.withUnsafeMutableBufferPointer { energies in
            c.withUnsafeMutableBufferPointer { c in
                kernel.readOut(
                    element: e, atoms: atoms, outputs: outputs, inputGradient: gradient, stride: stride,
                    energies: energies, dEdG: c)
            }}}}
        }
        var forces = [SIMD3<Double>](repeating: .zero, count: n)
        c.withUnsafeBufferPointer { c in
        values.derivatives.withUnsafeBufferPointer { dG in
        structure.entryOwners.withUnsafeBufferPointer { owners in
            for i in 0..<n {
                let row = c.baseAddress! + i * stride
                for e in values.neighborhoodStart[i]..<values.neighborhoodStart[i + 1] {
                    let owner = Int(owners[e])
                    if let selected, !selected[owner] { continue }
                    forces[owner] -= derivativeContraction(row, dG.baseAddress! + e * stride, count: stride)
                }
            }
        }}}
        return Forward(energy: energies.reduce(0, +), atomEnergies: energies, forces: forces)
    }

    /// One flag per atom of structure j: whether it carries one of `components` (3k + d).
    func atomFlags(_ j: Int, components: [Int]) -> [Bool] {
        var flags = [Bool](repeating: false, count: structures[j].count)
        for c in components { flags[c / 3] = true }
        return flags
    }

    /// Whether structure j contributes a per-atom energy term (γ > 0 and reference E_i).
    func usesAtomEnergies(_ j: Int) -> Bool {
        atomEnergyWeight > 0 && structures[j].atomEnergies != nil
    }

    func residuals(_ j: Int, _ f: Forward) -> [Double] {
        let structure = structures[j], n = Double(structure.count)
        var r = [energyWeight.squareRoot() * (f.energy - structure.energy) / n]
        r.reserveCapacity(residualCount(structure: j))
        let w = (forceWeight / (3 * n)).squareRoot()
        for (p, ref) in zip(f.forces, structure.forces) {
            let d = p - ref
            r += [w * d.x, w * d.y, w * d.z]
        }
        if usesAtomEnergies(j), let reference = structure.atomEnergies {
            let scale = (atomEnergyWeight / n).squareRoot()
            for (p, ref) in zip(f.atomEnergies, reference) { r.append(scale * (p - ref)) }
        }
        return r
    }

    /// Adds structure j's terms of Γ to `value` and, when `gradient` is given, their gradient.
    func accumulate(
        _ j: Int, _ networks: [NeuralNetwork], _ workspaces: [NeuralNetwork.Workspace], offsets: [Int],
        value: inout Value, gradient: UnsafeMutableBufferPointer<Double>?
    ) {
        let needForces = gradient != nil && forceWeight != 0
        let f = forward(j, networks, workspaces, secondDerivatives: needForces)
        let structure = structures[j], n = structure.count, values = structure.values, stride = values.stride
        let epsilon = (f.energy - structure.energy) / Double(n)
        value.energy += 0.5 * energyWeight * epsilon * epsilon
        let residuals = zip(f.forces, structure.forces).map { $0 - $1 }
        let forceScale = forceWeight / Double(3 * n)
        value.forces += 0.5 * forceScale * residuals.reduce(0) { $0 + ($1 * $1).sum() }
        // δ_i = Ê_i − E_i of the per-atom energy term, when the structure has one.
        var atomDeviations: [Double] = []
        if usesAtomEnergies(j), let reference = structure.atomEnergies {
            atomDeviations = zip(f.atomEnergies, reference).map { $0 - $1 }
            value.atomEnergies += 0.5 * atomEnergyWeight / Double(n) * atomDeviations.reduce(0) { $0 + $1 * $1 }
        }
        guard let gradient else { return }
        // v_is = Σ_{a ∈ nbhd(i)} r_owner(a) · ∂G_is/∂x_a.
        var v = [Double](repeating: 0, count: needForces ? n * stride : 0)
        if needForces {
            for i in 0..<n {
                for e in values.neighborhoodStart[i]..<values.neighborhoodStart[i + 1] {
                    let r = residuals[Int(structure.entryOwners[e])]
                    for s in 0..<stride { v[i * stride + s] += (r * values.derivatives[e * stride + s]).sum() }
                }
            }
        }
        let energyScale = energyWeight * epsilon / Double(n) * inverseConv
        for (e, atoms) in structure.atomsOfElement.enumerated() where !atoms.isEmpty {
            let network = networks[e], slice = UnsafeMutableBufferPointer(rebasing: gradient[offsets[e]..<offsets[e + 1]])
            if energyScale != 0 || !atomDeviations.isEmpty {
                var weights = [Double](repeating: energyScale, count: atoms.count)
                if !atomDeviations.isEmpty {
                    let atomScale = atomEnergyWeight / Double(n) * inverseConv
                    for (a, i) in atoms.enumerated() { weights[a] += atomScale * atomDeviations[i] }
                }
                weights.withUnsafeBufferPointer {
                    network.accumulateParameterGradient(atomWeights: $0, workspace: workspaces[e], into: slice)
                }
            }
            if needForces {
                let inputs = network.inputCount, factor = factors[e]
                var directions = [Double](repeating: 0, count: atoms.count * inputs)
                for (a, i) in atoms.enumerated() {
                    for s in 0..<inputs { directions[a * inputs + s] = -forceScale * factor[s] * inverseConv * v[i * stride + s] }
                }
                directions.withUnsafeBufferPointer {
                    network.accumulateInputGradientParameterDerivative(directions: $0, workspace: workspaces[e], into: slice)
                }
            }
        }
    }

    func run(_ parameters: [Double]?, gradient wantGradient: Bool) -> (value: Value, gradient: [Double]) {
        let networks = networks(parameters)
        let w = parameters ?? model.parameters
        let offsets = model.parameterOffsets, p = offsets.last!
        let parts = max(1, min(threads, structures.count))
        var values = [Value](repeating: Value(), count: parts)
        var gradients = [[Double]](repeating: wantGradient ? [Double](repeating: 0, count: p) : [], count: parts)
        values.withUnsafeMutableBufferPointer { values in
        gradients.withUnsafeMutableBufferPointer { gradients in
            nonisolated(unsafe) let values = values, gradients = gradients
            concurrentForEach(parts) { part in
                let workspaces = networks.map { NeuralNetwork.Workspace(for: $0) }
                var value = Value()
                var g = gradients[part]
                g.withUnsafeMutableBufferPointer { g in
                    for j in range(part, of: parts) {
                        accumulate(j, networks, workspaces, offsets: offsets, value: &value, gradient: wantGradient ? g : nil)
                    }
                }
                values[part] = value
                gradients[part] = g
            }
        }}
        var total = Value(), gradient = [Double](repeating: 0, count: wantGradient ? p : 0)
        for part in 0..<parts {
            total.energy += values[part].energy
            total.forces += values[part].forces
            total.atomEnergies += values[part].atomEnergies
            if wantGradient { for q in 0..<p { gradient[q] += gradients[part][q] } }
        }
        total.regularization = 0.5 * regularization * w.reduce(0) { $0 + $1 * $1 }
        if wantGradient && regularization != 0 {
            for q in 0..<p { gradient[q] += regularization * w[q] }
        }
        return (total, gradient)
    }
}
