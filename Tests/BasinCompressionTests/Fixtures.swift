import BasinIO
import Foundation

/// A published Lennard-Jones cluster global minimum from `data/lj-clusters` (reduced units).
func clusterPositions(_ atoms: Int) throws -> [SIMD3<Double>] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let url = root.appendingPathComponent("data/lj-clusters/LJ\(atoms).xyz")
    return try ExtendedXYZ.read(from: url, units: .lennardJones)[0].configuration.positions
}

/// The published energy on line 2 of the cluster file (E = 4 Σ (r⁻¹² − r⁻⁶)).
func publishedEnergy(_ atoms: Int) throws -> Double {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let text = try String(contentsOf: root.appendingPathComponent("data/lj-clusters/LJ\(atoms).xyz"), encoding: .utf8)
    let line = text.split(separator: "\n")[1]
    let field = line.split(separator: " ").first { $0.hasPrefix("energy=") }!
    return Double(field.dropFirst("energy=".count))!
}
