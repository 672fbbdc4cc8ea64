/// The two ways of counting in basin-preserving compression: Basin's, and those of Retzlaff,
/// Munson & Di ("Data compression for optimization of a molecular dynamics system: preserving
/// basins of attraction", ICCS 2019, LNCS 11540, doi:10.1007/978-3-030-22744-9_36).
///
/// | | Basin | paper |
/// | --- | --- | --- |
/// | shortest path (Algorithm 2) | each atom of the pair moves r/√2: the perturbation has norm r | each atom moves r/2 (norm r/√2 for two free atoms) |
/// | c, significant bits | mantissa bits kept after the leading one | also counts the leading bit (c + 1) |
/// | K for L**_rand | 10⁶, cut to ⌊5·10⁷/m²⌋ (at least 12) | 10⁶, cut only beyond ⌊6·10⁸/m²⌋ (uncut up to n = 10) |
///
/// Both divide the norm ‖U′(X*)⁻¹U′(X) − I‖ by the nominal radius r. Basin's perturbation lies
/// on the sphere of radius r that defines L**(n, r); the paper's lies inside it, which gives a
/// smaller L**_est and a larger r₂ that the theorem does not strictly cover.
public enum CompressionConventions: String, Sendable, Codable, CaseIterable {
    case basin
    case paper

    /// How far the shortest-path perturbation moves the pair, as a multiple of r for the unit
    /// pair direction: 1 (Basin) or the length of the unnormalised direction over 2 (paper),
    /// which is 1/√2 for two free atoms.
    public func pathLength(radius r: Double, rawDirectionNorm: Double) -> Double {
        switch self {
        case .basin: return r
        case .paper: return r * rawDirectionNorm / 2
        }
    }

    /// What is added to Basin's count of significant bits to report c: 0 or 1 (the leading bit).
    public var leadingBit: Int { self == .paper ? 1 : 0 }

    /// Whether the frame must pass the random-direction check L**_rand ≤ L**_est (Basin's).
    /// The paper's L**_est is taken inside the sphere on which L**_rand samples, so it is
    /// routinely below L**_rand; the paper reports both without requiring the check.
    public var checksRandomDirections: Bool { self == .basin }

    /// The work budget of the random sampling (`CompressionSettings.sampleBudget`).
    public var sampleBudget: Double { self == .paper ? 6e8 : 5e7 }
}
