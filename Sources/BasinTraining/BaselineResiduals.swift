import BasinIO
import BasinMath
import BasinPotentials

/// The data a model on top of a fixed baseline is trained on (Δ-learning): each frame's
/// reference energy, forces, virial, stress and per-atom energies minus the baseline's, so
/// that the networks fit what the baseline leaves; the model's predictions are then
/// networks + baseline, and its errors on residuals equal its errors on the reference.
public enum BaselineResiduals {
    /// `frames` with `baseline`'s contributions taken off whatever reference data they carry.
    /// - Throws: `TrainingError` naming `file` and the frame the baseline cannot evaluate (an
    ///   element without a charge, a cell too thin for its cutoff).
    public static func of(_ frames: [Frame], baseline: any Potential, file: String, threads: Int = 1) throws(TrainingError) -> [Frame] {
        let calculator = Calculator(potential: baseline, threads: threads)
        var residuals = frames
        for (index, frame) in frames.enumerated() {
            var properties: Properties = [.energy, .forces, .virial]
            let perAtom = frame.atomProperty(named: Frame.atomEnergiesProperty)
            if perAtom != nil { properties.insert(.perAtomEnergies) }
            let part: Evaluation
            do {
                part = try calculator.evaluate(frame.configuration, properties)
            } catch {
                throw TrainingError(file: file, frame: index + 1, reason: "the baseline: \(error.description)")
            }
            var residual = frame
            residual.energy = frame.energy.map { $0 - part.energy }
            residual.forces = frame.forces.map { zip($0, part.forces).map { $0 - $1 } }
            residual.virial = frame.virial.map { $0 - part.virial }
            if let stress = frame.stress { residual.stress = stress - part.stress(volume: frame.configuration.cell.volume) }
            if let perAtom, case .real(let values) = perAtom.values, perAtom.width == 1,
               let k = frame.atomProperties.firstIndex(where: { $0.name == Frame.atomEnergiesProperty }) {
                residual.atomProperties[k].values = .real(zip(values, part.perAtomEnergies).map { $0 - $1 })
            }
            residuals[index] = residual
        }
        return residuals
    }
}
