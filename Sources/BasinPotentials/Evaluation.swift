import BasinAtoms
import BasinMath

/// What a potential computed for a configuration. Only the requested properties are filled;
/// the rest keep their empty values.
public struct Evaluation: Sendable {
    /// Total potential energy (energy units).
    public var energy: Double = 0
    /// Forces (energy / length), one per atom; empty unless requested.
    public var forces: [SIMD3<Double>] = []
    /// Virial tensor W = Σ_pairs r_ij ⊗ f_ij (energy units), r_ij = r_i − r_j and f_ij the force
    /// on i due to j; the potential part of the pressure tensor is W / V.
    public var virial: Matrix3 = .zero
    /// Per-atom energies summing to `energy`; empty unless requested.
    public var perAtomEnergies: [Double] = []
    /// Hessian ∂²E/∂x_a∂x_b, rows and columns ordered (atom 0 x, y, z, atom 1 x, …).
    public var hessian: DenseMatrix?

    public init() {}

    /// The stress tensor σ = −W / V (energy / volume) without the kinetic part, in the sign
    /// convention of ASE (positive under tension).
    public func stress(volume: Double) -> Matrix3 { (-1 / volume) * virial }

    /// Largest force magnitude (energy / length); zero without forces.
    public var maximumForce: Double {
        forces.reduce(0) { max($0, dot($1, $1)) }.squareRoot()
    }
}
