import BasinTestSupport
import BasinText
import Foundation
import Testing

@Suite("Text files load the same way for every reader")
struct TextFileTests {
    private func temporaryFile(_ bytes: [UInt8], name: String = "file.txt") throws -> URL {
        let directory = try ScratchDirectory.make("text")
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    @Test func byteOrderMarkAndCRLFAreRemoved() throws {
        let url = try temporaryFile([0xEF, 0xBB, 0xBF] + Array("a b\r\nc\r\n\rd\n".utf8))
        #expect(try TextFile.contents(of: url) == "a b\nc\n\rd\n")
        #expect(TextFile.normalized("\u{FEFF}x\r\ny\r\n") == "x\ny\n")
        #expect(TextFile.normalized("plain\n") == "plain\n")
    }

    @Test func missingFileIsNamed() {
        let error = TextFileError(file: "/nonexistent/basin/x.sw", .notFound)
        #expect(throws: error) { try TextFile.contents(of: URL(fileURLWithPath: "/nonexistent/basin/x.sw")) }
        #expect(error.description == "/nonexistent/basin/x.sw: no such file")
    }

    @Test func directoryIsSaidInWords() throws {
        let directory = try temporaryFile([0x41]).deletingLastPathComponent()
        #expect(throws: TextFileError(file: directory.path, .directory)) { try TextFile.contents(of: directory) }
        #expect(TextFileError(file: "d", .directory).description == "d: is a directory, not a file")
    }

    @Test func devNullAndEmptyFilesAreEmpty() throws {
        #expect(throws: TextFileError(file: "/dev/null", .empty)) { try TextFile.contents(of: URL(fileURLWithPath: "/dev/null")) }
        let empty = try temporaryFile([])
        #expect(throws: TextFileError(file: empty.path, .empty)) { try TextFile.contents(of: empty) }
        let markOnly = try temporaryFile([0xEF, 0xBB, 0xBF])
        #expect(throws: TextFileError(file: markOnly.path, .empty)) { try TextFile.contents(of: markOnly) }
    }

    @Test func binaryDataIsQuotedShortAndEscaped() throws {
        var bytes = Array("2\ncomment\n".utf8)
        bytes += (0..<700).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 1) }
        let url = try temporaryFile(bytes)
        do {
            _ = try TextFile.contents(of: url)
            Issue.record("binary data was accepted")
        } catch {
            #expect(error.line == 3)
            let message = error.description
            #expect(message.hasPrefix("\(url.path):3: is not a text file: it holds binary data ('"))
            #expect(message.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F || $0 == "…" })
            #expect(message.count < url.path.count + 120)
        }
    }

    @Test func invalidUTF8IsBinaryButValidUTF8IsText() throws {
        let invalid = try temporaryFile(Array("ok\nbad \u{E9}".utf8.dropLast()) + [0xFF])
        #expect(throws: TextFileError(file: invalid.path, .binary(line: 2, excerpt: "bad \\xC3\\xFF"))) {
            try TextFile.contents(of: invalid)
        }
        let valid = try temporaryFile(Array("Si 1 2 3 # Å\n".utf8))
        #expect(try TextFile.contents(of: valid) == "Si 1 2 3 # Å\n")
    }

    @Test func excerptsEscapeAndCut() {
        #expect(TextExcerpt.quote("a\u{07}b\\c\u{E9}") == "a\\x07b\\\\c\\u{E9}")
        #expect(TextExcerpt.quote(String(repeating: "x", count: 100)) == String(repeating: "x", count: 40) + "…")
        #expect(TextExcerpt.quote(bytes: [0x41, 0x00, 0x0A]) == "A\\x00\\x0A")
    }
}
