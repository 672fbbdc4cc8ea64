import BasinAtoms
import BasinIO
import Foundation
import Testing

@Suite("Extended XYZ errors name file and line")
struct ExtendedXYZErrorTests {
    private func read(_ text: String) throws(FileFormatError) {
        _ = try ExtendedXYZ.read(text: text, file: "input.xyz")
    }

    @Test func missingFile() throws {
        let url = URL(fileURLWithPath: "/nonexistent/basin/input.xyz")
        let error = FileFormatError(file: url.path, line: nil, .fileNotFound)
        #expect(throws: error) { try ExtendedXYZ.read(from: url) }
        #expect(error.description == "/nonexistent/basin/input.xyz: no such file")
    }

    @Test func tooFewColumns() {
        let text = "2\ncomment\nH 0 0 0\nH 0 0\n"
        let error = FileFormatError(file: "input.xyz", line: 4, .columnCount(expected: 4, columns: "species x y z", found: 3))
        #expect(throws: error) { try read(text) }
        #expect(error.description == "input.xyz:4: expected 4 columns (species x y z), found 3")
    }

    @Test func tooFewColumnsForTheProperties() {
        let text = "1\nProperties=species:S:1:pos:R:3:forces:R:3\nH 0 0 0 1 2\n"
        #expect(throws: FileFormatError(file: "input.xyz", line: 3, .columnCount(
            expected: 7, columns: "species:S:1:pos:R:3:forces:R:3", found: 6))) { try read(text) }
    }

    @Test(arguments: ["abc", "nan", "NaN", "inf", "-Infinity", "1e999", "1.0.0", "0x10", "1,5"])
    func nonNumericOrNonFiniteCoordinate(token: String) {
        let text = "2\ncomment\nH 0 0 0\nH 0 \(token) 0\n"
        #expect(throws: FileFormatError(file: "input.xyz", line: 4, .invalidNumber(
            what: "the y component of the position", found: token))) { try read(text) }
    }

    @Test func nonFiniteForce() {
        let text = "1\nProperties=species:S:1:pos:R:3:forces:R:3\nH 0 0 0 nan 0 0\n"
        #expect(throws: FileFormatError(file: "input.xyz", line: 3, .invalidNumber(
            what: "the x component of the force", found: "nan"))) { try read(text) }
    }

    @Test func unknownElement() {
        let text = "2\ncomment\nH 0 0 0\nQq 1 0 0\n"
        let error = FileFormatError(file: "input.xyz", line: 4, .unknownElement("Qq"))
        #expect(throws: error) { try read(text) }
        #expect(error.description == "input.xyz:4: unknown element 'Qq'")
    }

    @Test func unknownLabelIsADummyInLennardJonesUnits() throws {
        let frames = try ExtendedXYZ.read(text: "1\ncomment\nQq 1 0 0\n", units: .lennardJones)
        #expect(frames[0].configuration.elements == [.dummy("Qq")])
    }

    @Test func truncatedSecondFrame() {
        let text = "1\nfirst\nH 0 0 0\n3\nsecond\nH 0 0 0\nH 1 0 0\n"
        let error = FileFormatError(file: "input.xyz", line: 8, .unexpectedEndOfFile(
            expected: "3 atom lines in frame 2, found 2"))
        #expect(throws: error) { try read(text) }
        #expect(error.description == "input.xyz:8: unexpected end of file: expected 3 atom lines in frame 2, found 2")
    }

    @Test func missingCommentLine() {
        #expect(throws: FileFormatError(file: "input.xyz", line: 2, .unexpectedEndOfFile(
            expected: "the comment line of frame 1"))) { try read("3") }
    }

    @Test func atomCountLargerThanTheFrameRunsIntoTheNextHeader() {
        // The count says 3 but the frame has 2 atoms: the next frame's count line is read as an atom.
        let text = "3\nfirst\nH 0 0 0\nH 1 0 0\n1\nsecond\nH 0 0 0\n"
        #expect(throws: FileFormatError(file: "input.xyz", line: 5, .columnCount(
            expected: 4, columns: "species x y z", found: 1))) { try read(text) }
    }

    @Test func atomCountSmallerThanTheFrameLeavesAnAtomWhereACountBelongs() {
        let text = "1\nfirst\nH 0 0 0\nH 1 0 0\n"
        #expect(throws: FileFormatError(file: "input.xyz", line: 4, .unexpected(
            expected: "the number of atoms of frame 2", found: "'H 1 0 0'"))) { try read(text) }
    }

    @Test(arguments: ["abc", "-1", "2.5", "3 atoms"])
    func invalidAtomCount(header: String) {
        #expect(throws: FileFormatError(file: "input.xyz", line: 1, .unexpected(
            expected: "the number of atoms of frame 1", found: "'\(header)'"))) { try read("\(header)\ncomment\n") }
    }

    @Test func blankLineBetweenFrames() {
        let text = "1\nfirst\nH 0 0 0\n\n1\nsecond\nH 0 0 0\n"
        #expect(throws: FileFormatError(file: "input.xyz", line: 4, .unexpected(
            expected: "the number of atoms of frame 2", found: "an empty line"))) { try read(text) }
    }

    @Test func malformedLattice() {
        let short = "1\nLattice=\"1 0 0 0 1 0 0 0\"\nH 0 0 0\n"
        #expect(throws: FileFormatError(file: "input.xyz", line: 2, .unexpected(
            expected: "9 numbers in Lattice", found: "8 items"))) { try read(short) }
        let nan = "1\nLattice=\"1 0 0 0 1 0 0 0 nan\"\nH 0 0 0\n"
        #expect(throws: FileFormatError(file: "input.xyz", line: 2, .invalidNumber(what: "Lattice", found: "nan"))) {
            try read(nan)
        }
    }

    @Test func malformedEnergyStressAndPbc() {
        #expect(throws: FileFormatError(file: "input.xyz", line: 2, .invalidNumber(what: "energy", found: "low"))) {
            try read("1\nenergy=low\nH 0 0 0\n")
        }
        #expect(throws: FileFormatError(file: "input.xyz", line: 2, .unexpected(
            expected: "9 numbers in stress", found: "6 items"))) { try read("1\nstress=\"1 2 3 4 5 6\"\nH 0 0 0\n") }
        #expect(throws: FileFormatError(file: "input.xyz", line: 2, .unexpected(
            expected: "pbc as 3 logical values (T or F)", found: "'T T'"))) { try read("1\npbc=\"T T\"\nH 0 0 0\n") }
    }

    @Test func malformedProperties() {
        #expect(throws: FileFormatError(file: "input.xyz", line: 2, .invalid(
            "invalid Properties 'species:S:1:pos:Q:3': property 'pos' has type 'Q', expected R, I, S or L"))) {
            try read("1\nProperties=species:S:1:pos:Q:3\nH 0 0 0\n")
        }
        #expect(throws: FileFormatError(file: "input.xyz", line: 2, .invalid(
            "Properties 'species:S:1' has no pos:R:3 column"))) { try read("1\nProperties=species:S:1\nH\n") }
        #expect(throws: FileFormatError(file: "input.xyz", line: 2, .invalid(
            "invalid Properties 'species:S:1:pos:R': expected name:type:width triples, found 5 fields"))) {
            try read("1\nProperties=species:S:1:pos:R\nH 0 0 0\n")
        }
    }

    @Test func badExtraColumnValues() {
        #expect(throws: FileFormatError(file: "input.xyz", line: 3, .unexpected(
            expected: "an integer for property 'tags'", found: "'1.5'"))) {
            try read("1\nProperties=species:S:1:pos:R:3:tags:I:1\nH 0 0 0 1.5\n")
        }
        #expect(throws: FileFormatError(file: "input.xyz", line: 3, .unexpected(
            expected: "T or F for property 'fixed'", found: "'yes'"))) {
            try read("1\nProperties=species:S:1:pos:R:3:fixed:L:1\nH 0 0 0 yes\n")
        }
    }

    @Test func writingInconsistentFramesFails() {
        let frame = Frame(configuration: Samples.cluster(), forces: [.zero])
        #expect(throws: FileFormatError(file: "out.xyz", line: nil, .cannotWrite("frame 1: 1 forces for 3 atoms"))) {
            _ = try ExtendedXYZ.text(for: [frame], file: "out.xyz")
        }
        var configuration = Samples.cluster()
        configuration.positions[2].x = .nan
        #expect(throws: FileFormatError(file: "out.xyz", line: nil, .cannotWrite("frame 2: the position of atom 3 is not finite"))) {
            _ = try ExtendedXYZ.text(for: [Frame(configuration: Samples.cluster()), Frame(configuration: configuration)], file: "out.xyz")
        }
        let property = AtomProperty(name: "q", values: .real([1, 2]))
        #expect(throws: FileFormatError(file: "out.xyz", line: nil, .cannotWrite("frame 1: property 'q' has 2 values, expected 3 × 1"))) {
            _ = try ExtendedXYZ.text(for: [Frame(configuration: Samples.cluster(), atomProperties: [property])], file: "out.xyz")
        }
    }
}
