import Foundation
import Testing

/// `basin toy` as a user runs it: generation with its files, descriptors, training and the
/// drag test, and one clear line with a non-zero exit (and no output file) for bad input.
@Suite struct ToyCommandTests {
    func json(_ arguments: [String]) throws -> Any {
        let result = try CommandRunner.run(["toy"] + arguments + ["--json"])
        #expect(result.status == 0, "\(result.error)")
        return try CommandRunner.json(result)
    }

    @Test func generateDescribeTrainAndDrag() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let db = dir.appendingPathComponent("db.json").path, xyz = dir.appendingPathComponent("db.extxyz").path
        let plots = dir.appendingPathComponent("plots").path, net = dir.appendingPathComponent("net.json").path
        let report = try #require(try json([
            "generate", "--width-start", "3", "--width-end", "4", "--widths-count", "2", "--points", "40", "--epochs", "10",
            "--keep", "0.9", "--output", db, "--extxyz", xyz, "--plots", plots, "--threads", "2",
        ]) as? [String: Any])
        #expect(report["generated"] as? Int == 80)
        let rows = try #require(report["summary"] as? [[String: Any]])
        #expect(rows.map { $0["width"] as? Double } == [3, 4])
        let text = try String(contentsOfFile: xyz, encoding: .utf8)
        #expect(text.components(separatedBy: "energy_per_particle=").count - 1 == report["kept"] as? Int)
        for name in ["energy-histogram.svg", "energy-vs-width.svg"] {
            #expect(FileManager.default.fileExists(atPath: plots + "/" + name))
        }
        let descriptors = try #require(try json(["descriptors", db, "--orders=-2,-3,-4", "--proximity-cutoff", "8"]) as? [String: Any])
        let eigenvalues = try #require(descriptors["eigenvalues"] as? [[Double]])
        #expect(eigenvalues.count == report["kept"] as? Int && eigenvalues.allSatisfy { $0.count == 12 })
        let trained = try #require(try json(["train", db, "--orders=-2,-3", "--proximity-cutoff", "8", "--epochs", "5", "--output", net]) as? [String: Any])
        #expect(trained["inputs"] as? Int == 8)
        let path = try #require(try json(["drag", net, db, "--steps", "20", "--plots", plots]) as? [[String: Any]])
        #expect(path.count == 21)
        #expect(FileManager.default.fileExists(atPath: plots + "/drag-energy.svg"))
    }

    @Test func energyOfAStructureFile() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let file = dir.appendingPathComponent("s.json")
        try #"{"dimension": 3, "width": 30, "coordinates": [[1, 1, 1], [2, 1, 1]]}"#.write(to: file, atomically: true, encoding: .utf8)
        let result = try #require(try json(["energy", file.path, "--gradient"]) as? [String: [[String: Any]]])
        let first = try #require(result["structures"]?.first)
        // One pair at the minimum distance R_c: V(1)/4 per particle.
        #expect(abs((first["energyPerParticle"] as? Double ?? 0) - -0.8767054367065430 / 4) < 1e-6)
        #expect((first["gradient"] as? [[Double]])?.count == 2)
    }

    @Test(arguments: [
        (["generate", "--width-start=-1"], "the cell width must be positive"),
        (["generate", "--particles", "0"], "a structure needs at least one particle"),
        (["generate", "--dimension", "4"], "the dimension must be 2 or 3"),
        (["generate", "--r0", "0.8"], "the cutoff R₀ = 0.8 must exceed R_c = 1.0"),
        (["generate", "--keep", "0"], "the kept fraction must lie in (0, 1]"),
    ])
    func badGenerationInputFailsWithOneLine(_ arguments: [String], _ message: String) throws {
        let dir = try CommandRunner.temporaryDirectory()
        let output = dir.appendingPathComponent("db.json").path
        let result = try CommandRunner.run(["toy"] + arguments + ["--output", output])
        #expect(result.status != 0)
        #expect(result.error.contains(message), "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func badDescriptorInputFailsWithOneLine() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let broken = dir.appendingPathComponent("broken.json"), csv = dir.appendingPathComponent("out.csv").path
        try #"{"settings": {"widthStart": 5"#.write(to: broken, atomically: true, encoding: .utf8)
        let malformed = try CommandRunner.run(["toy", "descriptors", broken.path, "--output", csv])
        #expect(malformed.status != 0)
        #expect(malformed.error.hasPrefix("Error: \(broken.path): not a toy-model database"), "\(malformed.error)")
        #expect(malformed.error.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: csv))
        let order = try CommandRunner.run(["toy", "descriptors", broken.path, "--orders=-2,-1"])
        #expect(order.status != 0 && order.error.contains("proximity-matrix orders must be integers ≤ −2, got -1"))
    }
}
