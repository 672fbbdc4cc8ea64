import BasinAtoms
import Foundation

/// The Stillinger–Weber potential, as LAMMPS `pair_style sw` computes it
/// (F. H. Stillinger and T. A. Weber, Phys. Rev. B 31, 5262 (1985)):
///
///     E = Σ_i Σ_{j>i} φ₂(r_ij) + Σ_i Σ_{j≠i} Σ_{k>j} φ₃(r_ij, r_ik, θ_jik)
///     φ₂ = A_ij ε_ij [B_ij (σ_ij/r)^p_ij − (σ_ij/r)^q_ij] exp(σ_ij / (r − a_ij σ_ij))
///     φ₃ = λ_ijk ε_ijk (cos θ_jik − cos θ₀_ijk)² exp(γ_ij σ_ij / (r_ij − a_ij σ_ij))
///                                              exp(γ_ik σ_ik / (r_ik − a_ik σ_ik))
///
/// Pair parameters (subscript ij) come from the file entry (i, j, j), triplet parameters
/// (subscript ijk) from the entry (i, j, k), where i is the central atom. Like LAMMPS, the
/// two-body term of a pair is computed once, from the end chosen by the atom-ID parity rule of
/// `pair_sw.cpp`, so files whose (i, j, j) and (j, i, i) entries differ give LAMMPS's numbers.
/// Per-atom energies follow `compute pe/atom`: half of a pair term to each atom, a third of a
/// triplet term to each of its three atoms.
///
/// Metal units: energies in eV, lengths in Å. Uses a full neighbor list.
public struct StillingerWeber: Potential {
    /// The elements the parameters cover, in file order.
    public let elements: [String]
    /// Entry (i, j, k) at index (i·n + j)·n + k, with n the number of elements.
    let table: [Parameters]
    public let cutoff: Double

    /// Reads a LAMMPS `.sw` file.
    /// - Parameter elements: the elements to use (as listed after the file name in
    ///   `pair_coeff * * FILE …`); by default every element the file names.
    /// - Throws: the file, line and reason for an unreadable file, an entry with the wrong number
    ///   of fields, a non-numeric or negative number, a duplicate or a missing triplet.
    public init(contentsOf url: URL, elements: [String]? = nil) throws(ParameterFileError) {
        try self.init(file: ParameterFile(contentsOf: url, wordsPerEntry: 14), elements: elements)
    }

    /// Reads the text of a `.sw` file; errors name `file`.
    public init(text: String, file: String = "<text>", elements: [String]? = nil) throws(ParameterFileError) {
        try self.init(file: ParameterFile(text: text, file: file, wordsPerEntry: 14), elements: elements)
    }

    /// One element with the same parameters for its only triplet (e.g. `Parameters.silicon`).
    public init(element: String, parameters: Parameters) {
        self.init(elements: [element], table: [parameters])
    }

    private init(file: ParameterFile, elements: [String]?) throws(ParameterFileError) {
        let (names, table) = try Self.read(file, elements: elements)
        self.init(elements: names, table: table)
    }

    private init(elements: [String], table: [Parameters]) {
        self.elements = elements
        self.table = table
        let n = elements.count
        // Only the (i, j, j) entries bound a pair's range.
        cutoff = (0..<n).flatMap { i in (0..<n).map { j in table[(i * n + j) * n + j].listCutoff } }.max()!
    }

    /// The parameters of entry (i, j, k), by element symbol.
    public func parameters(_ i: String, _ j: String, _ k: String) -> Parameters? {
        let n = elements.count
        guard let a = elements.firstIndex(of: i), let b = elements.firstIndex(of: j), let c = elements.firstIndex(of: k) else { return nil }
        return table[(a * n + b) * n + c]
    }

    public var units: UnitSystem { .metal }

    public var neighborListKind: NeighborListKind { .full }

    public var implementedProperties: Properties { [.energy, .forces, .virial, .perAtomEnergies] }

    public func check(_ configuration: Configuration) throws(PotentialError) {
        _ = try ElementMap.indices(of: configuration, in: elements, potential: "Stillinger-Weber")
    }

    public func evaluate(
        _ configuration: Configuration, neighbors: NeighborList, properties: Properties,
        into result: inout Evaluation, workspace: Workspace
    ) {
        precondition(neighbors.kind == .full, "Stillinger-Weber needs a full neighbor list")
        // The per-species constants, made when the workspace first meets these elements.
        guard let constants = try? workspace.prepared(for: configuration.elements, { () throws(PotentialError) in
            StillingerWeberConstants(
                table: table, elementCount: elements.count,
                speciesMap: try ElementMap.indices(of: configuration, in: elements, potential: "Stillinger-Weber"))
        }) else {
            preconditionFailure("check(_:) accepts only configurations whose elements the potential has")
        }
        StillingerWeberKernel.evaluate(constants, neighbors: neighbors, properties: properties, into: &result, workspace: workspace)
        if !properties.contains(.forces) { result.forces.removeAll(keepingCapacity: true) }
        result.hessian = nil
    }
}
