import Foundation
import Testing

/// `basin sf generate` and `basin sf analyze` on a small water data set.
@Suite struct SymmetryFunctionCommandTests {
    /// Four frames of two jiggled water molecules (Å); shortest distance near 0.9 Å.
    static let water: String = {
        let molecules: [(String, Double, Double, Double)] = [
            ("O", 0, 0, 0), ("H", 0.96, 0, 0), ("H", -0.24, 0.93, 0),
            ("O", 2.8, 0.1, 0.2), ("H", 3.3, 0.8, 0.1), ("H", 3.1, -0.7, 0.5),
        ]
        var text = ""
        for frame in 0..<4 {
            text += "6\nPBC=\"F F F\"\n"
            for (atom, (symbol, x, y, z)) in molecules.enumerated() {
                let jiggle = 0.05 * sin(Double(7 * frame + 3 * atom))
                text += "\(symbol) \(x + jiggle) \(y - jiggle) \(z + 0.5 * jiggle)\n"
            }
        }
        return text
    }()

    func write(_ text: String, _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func helpNamesUnitsAndJSON() throws {
        for command in ["generate", "analyze"] {
            let help = try CommandRunner.run(["sf", command, "--help"])
            #expect(help.status == 0)
            #expect(help.output.contains("--json") && help.output.contains("--data"))
        }
        #expect(try CommandRunner.run(["sf", "generate", "--help"]).output.contains("Å"))
    }

    @Test func generateWritesInputNNLines() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let data = try write(Self.water, "water.xyz", in: dir)
        let printed = try CommandRunner.run(["sf", "generate", "--data", data, "--cutoff", "4", "--radial", "3", "--zeta-max", "4"])
        #expect(printed.status == 0)
        let lines = printed.output.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("cutoff_type 6") }.count == 1)
        // Per central element: (3 + 3) × 2 radial, 2 η × 3 ζ × 2 λ × 3 pairs angular.
        #expect(lines.filter { $0.hasPrefix("symfunction_short H ") }.count == 12 + 36)
        #expect(lines.filter { $0.hasPrefix("symfunction_short O ") }.count == 12 + 36)
        let output = dir.appendingPathComponent("sf.nn").path
        let json = try CommandRunner.run([
            "sf", "generate", "--data", data, "--element", "O", "--angular-type", "9", "--output", output, "--json",
        ])
        #expect(json.status == 0)
        let result = try #require(try CommandRunner.json(json) as? [String: Any])
        let shortest = try #require(result["shortestDistance"] as? Double)
        let longest = try #require(result["longestDistance"] as? Double)
        #expect(shortest > 0.8 && shortest < 1 && longest > 3.5 && longest < 4.5)
        #expect(result["cutoff"] as? Double == longest)
        let functions = try #require(result["functions"] as? [[String: Any]])
        #expect(functions.count == 24 + 60 && functions.allSatisfy { $0["central"] as? String == "O" })
        #expect(functions.contains { $0["type"] as? Int == 9 } && !functions.contains { $0["type"] as? Int == 3 })
        let file = try String(contentsOfFile: output, encoding: .utf8)
        #expect(file.split(separator: "\n").count == 1 + 84)
    }

    @Test func analyzeReportsAndPrunes() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let data = try write(Self.water, "water.xyz", in: dir)
        // A zero function (no C), a constant one (all 4 H within 50 Å, hard cutoff), a duplicate.
        let functions = try write("""
            # test set
            cutoff_type 0
            symfunction_short O 1 H 50.0
            symfunction_short O 2 C 0.1 0.0 3.0
            symfunction_short O 2 H 0.5 0.0 3.0
            symfunction_short O 2 H 0.5 0.0 3.0
            symfunction_short O 2 O 0.2 1.0 3.5
            symfunction_short H 2 O 0.3 0.5 3.5
            symfunction_short H 4 H 1.1 3.0
            """, "input.nn", in: dir)
        let pruned = dir.appendingPathComponent("pruned.nn").path
        let table = try CommandRunner.run(["sf", "analyze", "--functions", functions, "--data", data, "--pruned", pruned])
        #expect(table.status == 0)
        #expect(table.output.contains("# O: 5 functions, 8 values, 2 kept"))
        let json = try CommandRunner.run(["sf", "analyze", "--functions", functions, "--data", data, "--json"])
        let elements = try #require(try CommandRunner.json(json) as? [[String: Any]])
        #expect(elements.map { $0["element"] as? String } == ["H", "O"])
        let o = try #require(elements[1]["functions"] as? [[String: Any]])
        #expect(o.map { $0["dropped"] as? String } == ["constant", "zero", nil, "correlated with 3", nil])
        #expect(o[0]["constant"] as? Bool == true && o[1]["zero"] as? Bool == true)
        let pairs = try #require(elements[1]["correlatedPairs"] as? [[String: Any]])
        #expect(pairs.contains { $0["first"] as? Int == 3 && $0["second"] as? Int == 4 })
        let kept = try String(contentsOfFile: pruned, encoding: .utf8).split(separator: "\n")
        #expect(kept.first == "cutoff_type 0")
        #expect(kept.filter { $0.hasPrefix("symfunction_short O") } == [
            "symfunction_short O 2 H 0.5 0.0 3.0", "symfunction_short O 2 O 0.2 1.0 3.5",
        ])
    }

    @Test func errorsAreOneLine() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let data = try write(Self.water, "water.xyz", in: dir)
        let noCutoff = try write("symfunction_short O 2 H 0.5 0.0 3.0\n", "bad.nn", in: dir)
        let onlyO = try write("cutoff_type 1\nsymfunction_short O 2 H 0.5 0.0 3.0\n", "o.nn", in: dir)
        for arguments in [
            ["sf", "analyze", "--functions", noCutoff, "--data", data],
            ["sf", "analyze", "--functions", onlyO, "--data", data],
            ["sf", "generate", "--data", data, "--element", "C"],
            ["sf", "generate", "--data", data, "--cutoff", "0.5"],
        ] {
            let result = try CommandRunner.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.error.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1, "\(result.error)")
        }
    }
}
