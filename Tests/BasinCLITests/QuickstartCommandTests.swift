import Foundation
import Testing

/// `basin quickstart silicon|silica`, with the hidden tiny preset.
@Suite struct QuickstartCommandTests {
    @Test func tinyRunPrintsJSONAndWritesFiles() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("qs")
        let result = try CommandRunner.run(["quickstart", "silicon", "--output", out.path, "--preset", "tiny", "--threads", "1", "--json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try #require(try CommandRunner.json(result) as? [String: Any])
        #expect(json["frames"] as? Int == 10)
        let training = try #require(json["training"] as? [String: Any])
        #expect(training["epochs"] as? Int == 2)
        #expect((training["testEnergyRMSEmeVPerAtom"] as? Double).map { $0.isFinite } == true)
        #expect(json["driftMeVPerAtomPerPs"] is Double)
        #expect(json["rdfMaxDifference"] is Double)
        let passes = try #require(json["passes"] as? [String: Bool])
        #expect(Set(passes.keys) == ["energy", "forces", "drift", "rdf", "all"])
        #expect(json["timings"] is [String: Any])
        #expect(result.error.contains("training"))
        for name in ["data/input.data", "model/input.nn", "learning-curve.csv", "learning-curve.svg", "parity.svg", "g-of-r.csv", "report.md"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name) missing")
        }
    }

    @Test func tinySilicaRunPrintsJSONAndWritesFiles() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("silica")
        let result = try CommandRunner.run(["quickstart", "silica", "--output", out.path, "--preset", "tiny", "--threads", "1", "--json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try #require(try CommandRunner.json(result) as? [String: Any])
        // 18 sampled frames, 3 of the melt alone at 6000 K and those of the one self-sampling round.
        let rounds = try #require(json["selfSampling"] as? [[String: Any]])
        #expect(rounds.count == 1)
        let added = try #require(rounds[0]["added"] as? Int)
        #expect(json["frames"] as? Int == 18 + 3 + added)
        #expect(json["symmetryFunctions"] as? [String: Int] == ["O": 12, "Si": 12])
        let training = try #require(json["training"] as? [String: Any])
        #expect((training["testForceRMSEmeVPerAngstrom"] as? Double).map { $0.isFinite } == true)
        #expect(json["coulombBaseline"] as? Bool == true && json["stericBaseline"] as? Bool == true && json["chargeDipoleTail"] as? Bool == true)
        // No repulsive core by default.
        #expect(json["repulsiveCore"] == nil)
        let states = try #require(json["states"] as? [[String: Any]])
        #expect(states.map { $0["name"] as? String } == ["glass", "melt"])
        #expect(states.allSatisfy { ($0["rdfMaxDifference"] as? [String: Double])?.count == 3 && $0["meanSiOSiNNP"] is Double })
        let passes = try #require(json["passes"] as? [String: Bool])
        #expect(Set(passes.keys) == ["energy", "forces", "drift", "rdfGlass", "rdfMelt", "angleGlass", "angleMelt", "all"])
        #expect(result.error.contains("melting") && result.error.contains("structure NNP"))
        for name in ["data/input.data", "model/weights.008.data", "model/weights.014.data", "model/baseline.data", "nve-energy.csv", "g-of-r-glass.svg",
                     "bond-angles-melt.svg", "report.md"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name) missing")
        }
    }

    @Test func unknownSystemIsRejected() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run(["quickstart", "water", "--output", directory.path])
        #expect(result.status != 0)
        #expect(result.error.contains("silicon, silica"))
    }
}
