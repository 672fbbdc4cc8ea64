import Foundation
import Testing

/// The energy lines of the `basin md` summary name what is conserved.
@Suite struct MolecularDynamicsSummaryTests {
    static let run = ["md", "--lattice", "fcc", "--density", "0.8442", "--cells", "3", "--temperature", "1.2",
                      "--cutoff", "2.5", "--shift", "--steps", "100", "--thermo", "50", "--seed", "7"]

    /// `total energy / atom -5.25 -> -4.08 (largest deviation 0.000839)` read as a contradiction:
    /// the deviation was of the Nosé–Hoover extended energy, the numbers of the total energy.
    @Test(arguments: [("nose-hoover", "Nosé–Hoover extended energy"), ("langevin", "Langevin effective energy")])
    func thermostattedRunsPrintTheConservedQuantity(ensemble: String, quantity: String) throws {
        let text = try CommandRunner.run(Self.run + ["--ensemble", ensemble])
        #expect(text.status == 0, "\(text.error)")
        let lines = text.output.split(separator: "\n")
        let conserved = try #require(lines.first { $0.hasPrefix("conserved / atom") }, "\(text.output)")
        #expect(conserved.contains("(\(quantity); largest deviation "), "\(conserved)")
        let total = try #require(lines.first { $0.hasPrefix("total energy / atom") })
        #expect(total.contains("not conserved") && !total.contains("deviation"), "\(total)")

        let json = try CommandRunner.run(Self.run + ["--ensemble", ensemble, "--json"])
        let report = try #require(try CommandRunner.json(json) as? [String: Any])
        #expect(report["conservedQuantity"] as? String == quantity)
        let log = try #require(report["log"] as? [[String: Any]])
        #expect(report["initialConservedEnergy"] as? Double == log.first?["conservedEnergy"] as? Double)
        #expect(report["finalConservedEnergy"] as? Double == log.last?["conservedEnergy"] as? Double)
    }

    @Test func microcanonicalRunsCallTheTotalEnergyConserved() throws {
        let text = try CommandRunner.run(Self.run)
        #expect(text.status == 0, "\(text.error)")
        #expect(text.output.contains("total energy / atom") && text.output.contains("(conserved; largest deviation "), "\(text.output)")
        #expect(!text.output.contains("conserved / atom"))
    }
}
