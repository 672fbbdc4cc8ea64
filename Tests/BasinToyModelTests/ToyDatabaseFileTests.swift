import Foundation
import Testing
import BasinTestSupport
@testable import BasinToyModel

@Suite struct ToyDatabaseFileTests {
    func temporaryFile(_ text: String) throws -> URL {
        let url = try ScratchDirectory.make("toy").appendingPathComponent("database.json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func databaseRoundTrips() throws {
        let settings = try DatabaseSettings(widthStart: 3, widthEnd: 3, widthCount: 1, pointsPerWidth: 4, relaxation: Relaxation(epochs: 2))
        let database = try DatabaseGenerator.generate(settings)
        let url = try temporaryFile(String(decoding: try database.jsonData(), as: UTF8.self))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try ToyDatabase.read(from: url) == database)
    }

    @Test(arguments: ["{", "[1, 2]", "{\"settings\": 3, \"records\": []}", ""])
    func malformedDatabasesThrowNamingTheFile(_ text: String) throws {
        let url = try temporaryFile(text)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try ToyDatabase.read(from: url)
            Issue.record("no error")
        } catch {
            #expect(error.description.hasPrefix(url.path + ": "))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func badRecordIsNamed() throws {
        let settings = try DatabaseSettings(widthStart: 3, widthEnd: 3, widthCount: 1, pointsPerWidth: 2, relaxation: Relaxation(epochs: 1))
        var database = try DatabaseGenerator.generate(settings)
        database.records[1].coordinates[0] = [1, 2, 3]
        let url = try temporaryFile(String(decoding: try database.jsonData(), as: UTF8.self))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: ToyModelError.malformedFile(file: url.path, reason: "record 1: particle 0: 3 coordinates in a 2-D cell")) {
            try ToyDatabase.read(from: url)
        }
    }

    @Test func structureFilesHoldOneOrMany() throws {
        let one = try temporaryFile(#"{"dimension": 2, "width": 4, "coordinates": [[1, 1], [2, 2.5]]}"#)
        let many = try temporaryFile(#"[{"dimension": 3, "width": 4, "coordinates": [[1, 1, 1]]}, {"dimension": 2, "width": 4, "coordinates": [[1, 1]]}]"#)
        let bad = try temporaryFile(#"[{"dimension": 2, "width": -4, "coordinates": [[1, 1]]}]"#)
        defer { for u in [one, many, bad] { try? FileManager.default.removeItem(at: u) } }
        #expect(try ToyStructureFile.read(from: one).count == 1)
        #expect(try ToyStructureFile.read(from: many).map(\.dimension) == [3, 2])
        #expect(throws: ToyModelError.malformedFile(file: bad.path, reason: "the cell width must be positive and finite, got -4.0")) {
            try ToyStructureFile.read(from: bad)
        }
    }
}
