import BasinAtoms
import Foundation

/// The Vashishta potential, exactly as LAMMPS `pair_style vashishta`
/// (P. Vashishta, R. K. Kalia, J. P. Rino and I. Ebbsjö, Phys. Rev. B 41, 12197 (1990)).
///
/// E = Σ_{i<j} V2(r_ij) + Σ_i Σ_{j<k} V3(r_ij, r_ik, θ_jik), with
/// - V2(r) = H/r^η + Z_i Z_j e^{−r/λ1}/r − D e^{−r/λ4}/r⁴ − W/r⁶ for r < rc, shifted as LAMMPS
///   does so that both V2 and its slope vanish at rc: V2(r) − V2(rc) − (r − rc) V2′(rc);
///   the Coulomb term carries LAMMPS's metal-unit constant e²/(4πε₀) = 14.399645 eV·Å;
/// - V3 = B f(r_ij) f(r_ik) (cos θ − cos θ₀)² / (1 + C (cos θ − cos θ₀)²) with
///   f(r) = exp(γ/(r − r0)) for r < r0.
///
/// Parameters come from a LAMMPS `.vashishta` file: pair terms from entry (i, j, j), the radial
/// factor f of leg i–j from entry (i, j, j), and B, C, cos θ₀ from entry (i, j, k).
/// Per-atom energies follow LAMMPS `compute pe/atom`: half of each pair term to each atom,
/// a third of each three-body term to each of the three atoms. Units are metal (eV, Å).
public struct Vashishta: Potential {
    /// The elements the parameters cover, in order of first appearance in the file.
    public let elements: [String]
    /// The file's entries, one per element triplet.
    public let entries: [Entry]
    public let cutoff: Double
    /// The tabulation of the two-body term (LAMMPS `pair_style vashishta/table`), or nil for
    /// the analytic form everywhere.
    public private(set) var tabulation: Tabulation?

    /// Reads a LAMMPS `.vashishta` parameter file.
    public init(contentsOf url: URL) throws(ParameterFileError) {
        try self.init(file: ParameterFile(contentsOf: url, wordsPerEntry: 17))
    }

    /// Parses the text of a `.vashishta` file; errors name `file`.
    public init(text: String, file: String = "<text>") throws(ParameterFileError) {
        try self.init(file: ParameterFile(text: text, file: file, wordsPerEntry: 17))
    }

    private init(file: ParameterFile) throws(ParameterFileError) {
        (elements, entries) = try Self.entries(of: file)
        // LAMMPS `cutmax`: the largest rc or r0 of any entry.
        cutoff = entries.map { max($0.rc, $0.r0) }.max()!
        guard cutoff > 0 else { throw ParameterFileError(file: file.file, line: nil, "every cutoff rc and r0 is zero") }
    }

    /// The same potential with its two-body term tabulated, as LAMMPS `pair_style
    /// vashishta/table points inner`: faster, and within the interpolation error of the
    /// analytic form (relative 10⁻⁸ or so with 100,000 points).
    public func tabulated(_ tabulation: Tabulation) throws(PotentialError) -> Vashishta {
        guard (2...10_000_000).contains(tabulation.points) else {
            throw .invalidParameters("a Vashishta table needs 2 to 10,000,000 points, got \(tabulation.points)")
        }
        guard tabulation.inner > 0, tabulation.inner < cutoff else {
            throw .invalidParameters("the inner cutoff of a Vashishta table must lie between 0 and the cutoff \(cutoff) Å, got \(tabulation.inner)")
        }
        var copy = self
        copy.tabulation = tabulation
        return copy
    }

    public var units: UnitSystem { .metal }
    public var neighborListKind: NeighborListKind { .full }
    public var implementedProperties: Properties { [.energy, .forces, .virial, .perAtomEnergies] }

    /// The entry for the element triplet (i, j, k).
    public func entry(_ i: String, _ j: String, _ k: String) -> Entry? {
        entries.first { $0.elements == (i, j, k) }
    }

    public func check(_ configuration: Configuration) throws(PotentialError) {
        _ = try ElementMap.indices(of: configuration, in: elements, potential: "Vashishta")
    }

    public func evaluate(
        _ configuration: Configuration, neighbors: NeighborList, properties: Properties,
        into result: inout Evaluation, workspace: Workspace
    ) {
        precondition(neighbors.kind == .full, "Vashishta needs a full neighbor list")
        // The per-species table, made when the workspace first meets these elements.
        guard let table = try? workspace.prepared(for: configuration.elements, { () throws(PotentialError) in
            Table(self, speciesElements: try ElementMap.indices(of: configuration, in: elements, potential: "Vashishta"))
        }) else {
            preconditionFailure("check(_:) accepts only configurations whose elements the potential covers")
        }
        VashishtaKernel.evaluate(table, neighbors: neighbors, properties: properties, into: &result, workspace: workspace)
    }
}
