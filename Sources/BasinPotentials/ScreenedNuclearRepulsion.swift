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
/// from `pair_coeff i j Z_i Z_j`, here from the element); r_in and r_out per element pair
/// (`switching`); half of each pair's energy to each atom.
public struct ScreenedNuclearRepulsion: Potential, Equatable {
    /// The ZBL universal function's coefficients c_m and exponents d_m (Ziegler, Biersack and
    /// Littmark 1985), as LAMMPS's `pair_zbl_const.h`.
    static let coefficients = SIMD4<Double>(0.02817, 0.28022, 0.50986, 0.18175)
    static let exponents = SIMD4<Double>(0.20162, 0.40290, 0.94229, 3.19980)
    /// The screening length's prefactor (Å) and the power of Z in its denominator.
    static let screeningLength = 0.46850
    static let screeningPower = 0.23

    /// Where the switching of one element pair starts and where φ reaches zero (Å), 0 < inner < outer.
    public struct Switching: Sendable, Equatable, Codable {
        public var inner: Double
        public var outer: Double

        public init(inner: Double, outer: Double) {
            self.inner = inner
            self.outer = outer
        }
    }

    /// The nuclear charge Z of each element, by symbol.
    public let atomicNumbers: [String: Double]
    /// The switching of each element pair that repels; a pair of elements without an entry
    /// has no repulsion. In LAMMPS each distinct switching is one `zbl inner outer` sub-style
    /// of `pair_style hybrid/overlay`, with `pair_coeff I J zbl K Z_I Z_J` for its pairs.
    public let switching: [ElementPair: Switching]
    /// The largest outer cutoff (Å).
    public let cutoff: Double

    /// Every pair of the elements of `atomicNumbers` with its own switching.
    /// - Throws: `PotentialError.invalidParameters` for no elements or no pairs, an atomic
    ///   number that is not positive and finite, a pair naming an element without one, cutoffs
    ///   not satisfying 0 < inner < outer < ∞, or values whose switching constants overflow.
    public init(atomicNumbers: [String: Double], switching: [ElementPair: Switching]) throws(PotentialError) {
        guard !atomicNumbers.isEmpty, !switching.isEmpty else {
            throw .invalidParameters("a ZBL repulsion needs the atomic number of at least one element and at least one pair")
        }
        if let bad = atomicNumbers.first(where: { !($0.value.isFinite && $0.value > 0) }) {
            throw .invalidParameters("the atomic number of \(bad.key) must be positive and finite, got \(bad.value)")
        }
        for (pair, s) in switching {
            guard let zi = atomicNumbers[pair.first], let zj = atomicNumbers[pair.second] else {
                throw .invalidParameters("the ZBL pair \(pair) names an element without an atomic number")
            }
            guard s.inner.isFinite, s.outer.isFinite, s.inner > 0, s.inner < s.outer else {
                throw .invalidParameters("the ZBL cutoffs of \(pair) need 0 < inner < outer, got inner \(s.inner) Å and outer \(s.outer) Å")
            }
            let k = Table.constants(zi, zj, s)
            guard (0..<8).allSatisfy({ k[$0].isFinite }) else {
                throw .invalidParameters("the ZBL repulsion of \(pair) with cutoffs \(s.inner) and \(s.outer) Å overflows")
            }
        }
        self.atomicNumbers = atomicNumbers
        self.switching = switching
        self.cutoff = switching.values.map(\.outer).max()!
    }

    /// One switching for every pair of elements (LAMMPS `pair_style zbl inner outer`).
    public init(atomicNumbers: [String: Double], inner: Double, outer: Double) throws(PotentialError) {
        let symbols = atomicNumbers.keys.sorted()
        var switching: [ElementPair: Switching] = [:]
        for (n, a) in symbols.enumerated() {
            for b in symbols[n...] { switching[ElementPair(a, b)] = Switching(inner: inner, outer: outer) }
        }
        try self.init(atomicNumbers: atomicNumbers, switching: switching)
    }

    /// The same with each element's own atomic number.
    /// - Throws: `PotentialError` for a symbol that names no element, or bad cutoffs.
    public init(elements: [String], inner: Double, outer: Double) throws(PotentialError) {
        try self.init(atomicNumbers: try Self.atomicNumbers(of: elements), inner: inner, outer: outer)
    }

    /// Each element with its own atomic number and each listed pair with its own switching.
    public init(elements: [String], switching: [ElementPair: Switching]) throws(PotentialError) {
        try self.init(atomicNumbers: try Self.atomicNumbers(of: elements), switching: switching)
    }

    /// The one switching of every pair of elements, or nil when pairs differ or some pair has none.
    public var commonSwitching: Switching? {
        let symbols = atomicNumbers.keys.sorted()
        let first = switching[ElementPair(symbols[0], symbols[0])]
        for (n, a) in symbols.enumerated() {
            for b in symbols[n...] where switching[ElementPair(a, b)] != first { return nil }
        }
        return first
    }

    /// The cutoffs in words: "zbl 1.0 1.3 Å" for one switching, else each pair's, "O–Si 1.0–1.3 Å, …".
    public var switchingDescription: String {
        if let common = commonSwitching { return "zbl \(common.inner) \(common.outer) Å" }
        return switching.sorted { $0.key.description < $1.key.description }
            .map { "\($0.key) \($0.value.inner)–\($0.value.outer) Å" }.joined(separator: ", ")
    }

    static func atomicNumbers(of elements: [String]) throws(PotentialError) -> [String: Double] {
        var numbers: [String: Double] = [:]
        for symbol in elements {
            guard let element = try? Element(symbol: symbol), element.atomicNumber > 0 else {
                throw .invalidParameters("a ZBL repulsion needs real elements, got '\(symbol)'")
            }
            numbers[symbol] = Double(element.atomicNumber)
        }
        return numbers
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
            Table(self, symbols: configuration.elements.map(\.symbol))
        }
        PairLoop.evaluate(table, neighbors: neighbors, properties: properties, into: &result, workspace: workspace)
    }
}
