import Foundation
import Testing

/// `basin db`: importing, listing, showing and exporting minima, and its errors.
@Suite struct DatabaseCommandTests {
    /// A published Lennard-Jones global minimum of `data/lj-clusters`.
    static func cluster(_ atoms: Int) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/lj-clusters/LJ\(atoms).xyz").path
    }

    /// LJ13 turned by 90° about z, shifted, its atoms in reverse order, without an energy.
    static func movedIcosahedron(in directory: URL) throws -> String {
        let lines = try String(contentsOfFile: cluster(13), encoding: .utf8).split(separator: "\n")
        let atoms = lines.dropFirst(2).map { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            let (x, y, z) = (Double(fields[1])!, Double(fields[2])!, Double(fields[3])!)
            return "X \(-y + 5) \(x - 1) \(z + 2)"
        }
        let url = directory.appendingPathComponent("moved.xyz")
        try ("13\nmoved icosahedron\n" + atoms.reversed().joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func addListShowAndExport() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let database = dir.appendingPathComponent("minima.db").path
        let added = try CommandRunner.run(["db", "add", Self.cluster(13), Self.cluster(7), Self.cluster(38), "--database", database, "--json"])
        #expect(added.status == 0, "\(added.error)")
        let addReport = try #require(try CommandRunner.json(added) as? [String: Any])
        #expect(addReport["added"] as? Int == 3)
        #expect(addReport["total"] as? Int == 3)

        // The same icosahedron moved and renumbered, with its Lennard-Jones energy computed.
        let again = try CommandRunner.run(["db", "add", try Self.movedIcosahedron(in: dir), "--database", database, "--json"])
        #expect(again.status == 0, "\(again.error)")
        let againReport = try #require(try CommandRunner.json(again) as? [String: Any])
        let entry = try #require((againReport["minima"] as? [[String: Any]])?.first)
        #expect(entry["isNew"] as? Bool == false)
        #expect(entry["timesFound"] as? Int == 2)
        #expect(abs((entry["energy"] as? Double ?? 0) + 44.326801) < 1e-6)

        let listed = try CommandRunner.run(["db", "list", "--database", database, "--json"])
        #expect(listed.status == 0)
        let list = try #require(try CommandRunner.json(listed) as? [String: Any])
        let minima = try #require(list["minima"] as? [[String: Any]])
        #expect(minima.map { $0["atoms"] as? Int } == [38, 13, 7])
        #expect(minima.map { $0["timesFound"] as? Int } == [1, 2, 1])
        #expect(abs((minima[0]["energy"] as? Double ?? 0) + 173.928427) < 1e-6)
        let ranged = try CommandRunner.run(["db", "list", "--database", database, "--min-energy", "-50", "--max-energy", "-10", "--json"])
        let rangedMinima = try #require((try CommandRunner.json(ranged) as? [String: Any])?["minima"] as? [[String: Any]])
        #expect(rangedMinima.map { $0["atoms"] as? Int } == [13, 7])
        let table = try CommandRunner.run(["db", "list", "--database", database])
        #expect(table.output.contains("X38"))
        #expect(table.output.contains("3 of 3 minima"))

        let id = try #require(minima[1]["id"] as? Int)
        let shown = try CommandRunner.run(["db", "show", "\(id)", "--database", database, "--json"])
        #expect(shown.status == 0)
        let show = try #require(try CommandRunner.json(shown) as? [String: Any])
        let positions = try #require(show["positions"] as? [[Double]])
        #expect(positions.count == 13)
        #expect(abs(positions[0][0] - 1.013223978363) < 1e-12)
        #expect((show["run"] as? [String: Any])?["kind"] as? String == "import")
        #expect(try CommandRunner.run(["db", "show", "\(id)", "--database", database]).output.contains("times found     2"))

        let exported = dir.appendingPathComponent("low.xyz").path
        let export = try CommandRunner.run(["db", "export", "--database", database, "--max-energy", "-40", "-o", exported, "--json"])
        #expect(export.status == 0, "\(export.error)")
        #expect((try CommandRunner.json(export) as? [String: Any])?["minima"] as? Int == 2)
        let text = try String(contentsOfFile: exported, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2 + 38 + 2 + 13)
        #expect(lines[1].contains("energy=-173.928427 "))
        #expect(lines[41].contains("times_found=2"))
        // The export imports into a new database as the same two minima.
        let copy = dir.appendingPathComponent("copy.db").path
        let reimported = try CommandRunner.run(["db", "add", exported, "--database", copy, "--json"])
        #expect((try CommandRunner.json(reimported) as? [String: Any])?["added"] as? Int == 2)
    }

    @Test func errorsNameTheFile() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let database = dir.appendingPathComponent("minima.db").path
        #expect(try CommandRunner.run(["db", "add", Self.cluster(7), "--database", database]).status == 0)
        let missing = dir.appendingPathComponent("absent.db").path
        let text = Self.cluster(13)
        let periodic = dir.appendingPathComponent("box.xyz")
        try "1\nLattice=\"3 0 0 0 3 0 0 0 3\" pbc=\"T T T\"\nX 0 0 0\n".write(to: periodic, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["db", "list", "--database", missing], "\(missing): no such file"),
            (["db", "list", "--database", text], "\(text): not a Basin minima database (not an SQLite database)"),
            (["db", "show", "99", "--database", database], "\(database): no minimum with id 99"),
            (["db", "list", "--database", database, "--min-energy", "-1", "--max-energy", "-2"],
             "\(database): the energy range [-1.0, -2.0] is empty"),
            (["db", "export", "--database", database, "--min-energy", "0", "-o", dir.appendingPathComponent("none.xyz").path],
             "\(database): no minima with energy in [0.0, inf]"),
            (["db", "add", dir.appendingPathComponent("nothing.xyz").path, "--database", database], "nothing.xyz"),
            (["db", "add", periodic.path, "--database", database], "\(periodic.path): periodic structure"),
        ]
        for (arguments, message) in cases {
            let result = try CommandRunner.run(arguments)
            #expect(result.status != 0)
            #expect(result.error.contains(message), "\(arguments): \(result.error)")
        }
        #expect(!FileManager.default.fileExists(atPath: missing))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("none.xyz").path))
        let list = try CommandRunner.run(["db", "list", "--database", database, "--json"])
        #expect((try CommandRunner.json(list) as? [String: Any])?["total"] as? Int == 1)
    }

    @Test func everySubcommandHasHelp() throws {
        for command in ["add", "list", "show", "export"] {
            let help = try CommandRunner.run(["db", command, "--help"])
            #expect(help.status == 0)
            #expect(help.output.contains("--database"))
            #expect(help.output.contains("--json"))
        }
    }
}
