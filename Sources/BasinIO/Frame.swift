import BasinAtoms
import BasinMath

/// One structure of a file, with the reference data stored beside it.
///
/// Units are those of `configuration.units` (files carry none): in `metal`, energy in eV,
/// forces in eV/Å, stress in eV/Å³, virial in eV. Invariant: `forces`, when present, has one
/// entry per atom, and every property in `atomProperties` has `configuration.count` rows.
public struct Frame: Sendable {
    /// The per-atom property holding per-atom energies (ASE's name in extended XYZ).
    public static let atomEnergiesProperty = "energies"

    public var configuration: Configuration
    /// Total potential energy.
    public var energy: Double?
    /// Force on each atom (energy / length).
    public var forces: [SIMD3<Double>]?
    /// Stress tensor (energy / length³) in ASE's sign convention, σ = (1/V) ∂E/∂ε: negative
    /// under compression, so that the pressure is −tr σ / 3.
    public var stress: Matrix3?
    /// Virial tensor (energy) as stored by libAtoms/GAP data sets; W = −V σ.
    public var virial: Matrix3?
    /// Other key–value pairs of the frame (extxyz comment line, a dump's `timestep`), as text.
    public var info: [String: String]
    /// Other per-atom columns, in file order.
    public var atomProperties: [AtomProperty]

    public init(
        configuration: Configuration, energy: Double? = nil, forces: [SIMD3<Double>]? = nil,
        stress: Matrix3? = nil, virial: Matrix3? = nil, info: [String: String] = [:],
        atomProperties: [AtomProperty] = []
    ) {
        self.configuration = configuration
        self.energy = energy
        self.forces = forces
        self.stress = stress
        self.virial = virial
        self.info = info
        self.atomProperties = atomProperties
    }

    /// The per-atom property named `name`, if present.
    public func atomProperty(named name: String) -> AtomProperty? {
        atomProperties.first { $0.name == name }
    }
}

/// A named per-atom column group of a file (extxyz `Properties` entry, LAMMPS dump column) that
/// Basin does not interpret, kept so that it can be written back.
///
/// Values are stored atom by atom: atom i has entries `i * width ..< (i + 1) * width`.
public struct AtomProperty: Sendable, Equatable {
    /// The values, typed as in extxyz (R, I, S, L).
    public enum Values: Sendable, Equatable {
        case real([Double])
        case integer([Int])
        case string([String])
        case logical([Bool])

        public var count: Int {
            switch self {
            case .real(let v): v.count
            case .integer(let v): v.count
            case .string(let v): v.count
            case .logical(let v): v.count
            }
        }
    }

    public var name: String
    /// Number of columns per atom (≥ 1).
    public var width: Int
    public var values: Values

    public init(name: String, width: Int = 1, values: Values) {
        self.name = name
        self.width = width
        self.values = values
    }

    /// Number of atoms the property describes.
    public var atomCount: Int { width > 0 ? values.count / width : 0 }
}
