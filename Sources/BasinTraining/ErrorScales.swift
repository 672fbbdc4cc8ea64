/// Scales of the energy-per-atom and force RMSEs (the data's energy and length units) for
/// choosing a run's best epoch: the score (E/E_s)² + (F/F_s)² of an epoch's errors, lower is
/// better. With an application's targets as the scales, an epoch whose forces are a little
/// better but whose energies miss their target does not win, as it can on the loss, which the
/// force term dominates when the force weight is large.
public struct ErrorScales: Sendable, Codable, Equatable {
    /// E_s (energy per atom) and F_s (energy per length), both positive and finite.
    public var energyPerAtom: Double
    public var force: Double

    public init(energyPerAtom: Double, force: Double) {
        precondition(energyPerAtom > 0 && energyPerAtom.isFinite && force > 0 && force.isFinite, "the error scales must be positive and finite")
        self.energyPerAtom = energyPerAtom
        self.force = force
    }

    /// (E/E_s)² + (F/F_s)² of `errors`; the force term is 0 when no structure has forces.
    public func score(_ errors: Loss.Errors) -> Double {
        let e = errors.energyPerAtomRMSE / energyPerAtom
        let f = errors.forceComponentCount > 0 ? errors.forceRMSE / force : 0
        return e * e + f * f
    }
}
