import BasinNN
import BasinNNP

/// The measurements of n2p2's Kalman training (`Training::update`), in n2p2's normalized
/// units: with the model's normalization (`mean_energy`, `conv_energy`, `conv_length`) n2p2
/// trains on E* = (E − Σ E_atom − N·mean_energy)·conv_energy and F* = F·conv_energy/conv_length,
/// so an error and its Jacobian row are the physical ones times c_E = conv_energy (energies)
/// or c_F = conv_energy/conv_length (forces); without a normalization both factors are 1.
///
/// - Energy of structure j: ξ = c_E (E_j − Ê_j), the total energy (not per atom), and
///   H = c_E ∂Ê_j/∂w.
/// - Force component c = 3k + d of structure j: ξ = c_F (F_kd − F̂_kd), H = c_F ∂F̂_kd/∂w.
///
/// n2p2 multiplies force errors and rows by `force_weight` afterwards (the caller does).
extension Loss {
    /// c_E and c_F (1 and 1 without a normalization).
    public var normalizedUnits: (energy: Double, force: Double) {
        guard let n = model.settings.normalization else { return (1, 1) }
        return (n.convEnergy, n.convEnergy / n.convLength)
    }

    /// The loss with weights that make structure j's residuals the plain deviations:
    /// r_0 = Ê_j − E_j and r_(1+c) = F̂_c − F_c (√β/N_j = 1 and √(α/(3N_j)) = 1).
    func plainDeviations(structure j: Int, energy: Bool, forces: Bool) -> Loss {
        var copy = self
        let n = Double(structures[j].count)
        copy.energyWeight = energy ? n * n : 0
        copy.forceWeight = forces ? 3 * n : 0
        copy.atomEnergyWeight = 0
        copy.regularization = 0
        return copy
    }

    /// ξ and H of structure j's energy update (module documentation).
    public func energyMeasurement(structure j: Int, parameters: [Double]) -> (error: Double, jacobian: [Double]) {
        let scale = normalizedUnits.energy
        let (r, jacobian) = plainDeviations(structure: j, energy: true, forces: false)
            .residualsAndJacobian(structure: j, parameters: parameters, forceComponents: [])
        return (-scale * r[0], jacobian.map { $0 * scale })
    }

    /// ξ and H of the update on force component c = 3k + d of structure j (module documentation).
    public func forceMeasurement(structure j: Int, component c: Int, parameters: [Double]) -> (error: Double, jacobian: [Double]) {
        let scale = normalizedUnits.force, p = parameterCount
        let (r, jacobian) = plainDeviations(structure: j, energy: false, forces: true)
            .residualsAndJacobian(structure: j, parameters: parameters, forceComponents: [c])
        return (-scale * r[1 + c], jacobian[p...].map { $0 * scale })
    }

    /// Ê_j − E_j (model units), for choosing an energy update's structure: no forces formed.
    public func energyDeviation(structure j: Int, parameters: [Double]) -> Double {
        forward(j, parameters: parameters, forcesOn: atomFlags(j, components: [])).energy - structures[j].energy
    }

    /// F̂_c − F_c of component c = 3k + d (model units), for choosing a force update's
    /// component: only atom k's force is formed.
    public func forceDeviation(structure j: Int, component c: Int, parameters: [Double]) -> Double {
        let f = forward(j, parameters: parameters, forcesOn: atomFlags(j, components: [c]))
        return f.forces[c / 3][c % 3] - structures[j].forces[c / 3][c % 3]
    }

    /// Structure j's prediction at `parameters`, forces on the flagged atoms only.
    private func forward(_ j: Int, parameters: [Double], forcesOn flags: [Bool]) -> Forward {
        let networks = networks(parameters)
        return forward(j, networks, networks.map { NeuralNetwork.Workspace(for: $0) }, secondDerivatives: false, forcesOn: flags)
    }

    /// Structure j's deviations Ê_j − E_j and F̂_c − F_c (component c = 3k + d at 1 + c), in
    /// model units, for choosing update candidates.
    public func deviations(structure j: Int, parameters: [Double]) -> [Double] {
        plainDeviations(structure: j, energy: true, forces: structures[j].hasForces).residuals(structure: j, parameters: parameters)
    }
}
