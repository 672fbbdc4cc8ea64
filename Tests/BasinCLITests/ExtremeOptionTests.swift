import Foundation
import Testing

/// Values at the edges of what a number can hold, given to options that once trapped: each is
/// refused with one line, or the run ends by itself without a crash.
@Suite struct ExtremeOptionTests {
    static let lj7 = DatabaseCommandTests.cluster(7)
    static let lj13 = DatabaseCommandTests.cluster(13)
    static let toyGenerate = ["toy", "generate", "--width-start", "2", "--width-end", "2", "--points", "5", "--epochs", "1", "--output", "never.json"]

    @Test(arguments: [
        (["hop", lj7, "--cutoff", "none", "--steps", "2", "--sigma", "0"], "--sigma must be a positive number"),
        (["hop", lj7, "--cutoff", "none", "--steps", "2", "--epsilon", "nan"], "--epsilon must be a positive number"),
        (["eval", lj13, "--potential", "morse", "--d0", "1", "--alpha", "inf", "--r0", "1", "--cutoff", "3"], "--alpha must be a positive number"),
        (["neb", lj7, lj7, "--cutoff", "none", "--max-steps", "9223372036854775807"], "--max-steps must be from 0 to 1000000000"),
        (["compress", "analyze", DatabaseCommandTests.cluster(6), "--threads", "9223372036854775807"], "--threads must lie in 1…1024"),
        (toyGenerate + ["--points", "9223372036854775807"], "at most 10⁹ points"),
        (toyGenerate + ["--widths-count", "9223372036854775807"], "at most 10⁹ points"),
        (toyGenerate + ["--particles", "9223372036854775807"], "at most 10000 particles"),
        (toyGenerate + ["--r0", "1e308"], "use a wider cell"),
        (toyGenerate + ["--depth", "9223372036854775807"], "use a wider cell"),
        (toyGenerate + ["--epochs", "9223372036854775807"], "epochs must be from 0 to 10000000"),
        (["sample", "--lattice", "fcc", "--density", "0.8442", "--cells", "2", "--steps", "5", "--temperatures", "1",
          "--output", "never.xyz", "--equilibrate", "9223372036854775807"], "at most 1000000000000 per run"),
        (["sf", "generate", "--data", DatabaseCommandTests.cluster(13), "--radial", "9223372036854775807"], "must be from 0 to 1000"),
        (["sf", "generate", "--data", DatabaseCommandTests.cluster(13), "--zeta-max", "inf"], "--zeta-max must be from 1 to 1024"),
    ])
    func refused(arguments: [String], message: String) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status != 0)
        #expect(result.error.contains(message), "\(result.error)")
    }

    @Test func aSigmaThatOverflowsEndsTheMinimizationWithoutACrash() throws {
        // σ = 2⁶³: the energy is finite but its gradient's square is not.
        let result = try CommandRunner.run(["minimize", Self.lj13, "--cutoff", "none", "--sigma", "9223372036854775807", "--json"])
        #expect(result.status == 0 || result.status == 1, "\(result.error)")
        #expect(!result.error.contains("Fatal error"))
    }
}
