import BasinAtoms
import Foundation

/// The universal screened nuclear repulsion of J. F. Ziegler, J. P. Biersack and U. Littmark
/// (*The Stopping and Range of Ions in Solids*, Pergamon, 1985), switched off between an inner
/// and an outer cutoff exactly as LAMMPS `pair_style zbl inner outer`:
///
///     φ(r) = (k Z_i Z_j / r) Σ_m c_m exp(−d_m r / a) + S(r),   a = 0.46850 Å / (Z_i^0.23 + Z_j^0.23)
///
/// with c = (0.18175, 0.50986, 0.28022, 0.02817), d = (3.19980, 0.94229, 0.40290, 0.20162) and
/// k = 14.399645 eV·Å. S is the switching function of LAMMPS's `lj/gromacs`: S = C for
/// r ≤ r_in and S = C + A (r − r_in)³/3 + B (r − r_in)⁴/4 between r_in and r_out, with A, B
/// and C chosen so that the energy, the force and the force's derivative all vanish at r_out
/// (φ = 0 beyond). Inside r_in the force is the bare ZBL force; the energy is shifted by C.
///
/// A short-ranged wall that keeps atoms from passing through each other where a machine-learned
/// model has no data. Metal units only (eV, Å); atomic numbers per element (LAMMPS takes them
/// from `pair_coeff i j Z_i Z_j`, here from the element); half of each pair's energy to each atom.
public struct ScreenedNuclearRepulsion: Potential, Equatable {
    /// The ZBL universal function's coefficients c_m and exponents d_m (Ziegler, Biersack and
    /// Littmark 1985), as LAMMPS's `pair_zbl_const.h`.
    static let coefficients = SIMD4<Double>(0.02817, 0.28022, 0.50986, 0.18175)
    static let exponents = SIMD4<Double>(0.20162, 0.40290, 0.94229, 3.19980)
    /// The screening length's prefactor (Å) and the power of Z in its denominator.
    static let screeningLength = 0.46850
    static let screeningPower = 0.23

    /// The nuclear charge Z of each element, by symbol.
    public let atomicNumbers: [String: Double]
    /// Where the switching function starts (Å), 0 < inner < cutoff.
    public let inner: Double
    /// Where φ and its first two derivatives reach zero (Å).
    public let cutoff: Double

    /// - Throws: `PotentialError.invalidParameters` for no elements, an atomic number that is
    ///   not positive and finite, cutoffs not satisfying 0 < inner < outer < ∞, or values whose
    ///   switching constants overflow.
    public init(atomicNumbers: [String: Double], inner: Double, outer: Double) throws(PotentialError) {
        guard !atomicNumbers.isEmpty else { throw .invalidParameters("a ZBL repulsion needs the atomic number of at least one element") }
        if let bad = atomicNumbers.first(where: { !($0.value.isFinite && $0.value > 0) }) {
            throw .invalidParameters("the atomic number of \(bad.key) must be positive and finite, got \(bad.value)")
        }
        guard inner.isFinite, outer.isFinite, inner > 0, inner < outer else {
            throw .invalidParameters("the ZBL cutoffs need 0 < inner < outer, got inner \(inner) Å and outer \(outer) Å")
        }
        self.atomicNumbers = atomicNumbers
        self.inner = inner
        self.cutoff = outer
        for zi in atomicNumbers.values {
            for zj in atomicNumbers.values {
                let k = Table.constants(self, zi, zj)
                guard (0..<8).allSatisfy({ k[$0].isFinite }) else {
                    throw .invalidParameters("the ZBL repulsion of Z = \(zi) and \(zj) with cutoffs \(inner) and \(outer) Å overflows")
                }
            }
        }
    }

    /// The same with each element's own atomic number.
    /// - Throws: `PotentialError` for a symbol that names no element, or bad cutoffs.
    public init(elements: [String], inner: Double, outer: Double) throws(PotentialError) {
        var numbers: [String: Double] = [:]
        for symbol in elements {
            guard let element = try? Element(symbol: symbol), element.atomicNumber > 0 else {
                throw .invalidParameters("a ZBL repulsion needs real elements, got '\(symbol)'")
            }
            numbers[symbol] = Double(element.atomicNumber)
        }
        try self.init(atomicNumbers: numbers, inner: inner, outer: outer)
    }

    public var units: UnitSystem { .metal }
    public var neighborListKind: NeighborListKind { .half }
    public var implementedProperties: Properties { [.energy, .forces, .virial, .perAtomEnergies, .hessian] }

    public func check(_ configuration: Configuration) throws(PotentialError) {
        _ = try ElementMap.indices(of: configuration, in: Array(atomicNumbers.keys).sorted(), potential: "the ZBL repulsion")
    }

    public func evaluate(
        _ configuration: Configuration, neighbors: NeighborList, properties: Properties,
        into result: inout Evaluation, workspace: Workspace
    ) {
        let table = workspace.prepared(for: configuration.elements) {
            Table(self, atomicNumbers: configuration.elements.map { atomicNumbers[$0.symbol] ?? 0 })
        }
        PairLoop.evaluate(table, neighbors: neighbors, properties: properties, into: &result, workspace: workspace)
    }
}
