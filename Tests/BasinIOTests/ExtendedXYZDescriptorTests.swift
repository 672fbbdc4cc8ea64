import BasinIO
import Testing

/// Malformed `Properties` and `pbc` are refused when reading, with file and line, rather than
/// read and refused only when written.
@Suite("Extended XYZ descriptors are checked when read")
struct ExtendedXYZDescriptorTests {
    private func reason(_ comment: String, atom: String = "H 0 0 0 1 2 3") -> String? {
        do {
            _ = try ExtendedXYZ.read(text: "1\n\(comment)\n\(atom)\n", file: "bad.xyz")
            return nil
        } catch {
            #expect(error.file == "bad.xyz" && error.line == 2 || error.line == 3, "\(error)")
            return error.description
        }
    }

    @Test(arguments: [
        ("Properties=species:S:1:pos:R:3:forces:R:2", "H 0 0 0 1 2", "bad.xyz:2: Properties: 'forces' must be forces:R:3, found forces:R:2"),
        ("Properties=species:S:1:pos:R:2", "H 0 0", "bad.xyz:2: Properties: 'pos' must be pos:R:3, found pos:R:2"),
        ("Properties=species:I:1:pos:R:3", "1 0 0 0", "bad.xyz:2: Properties: 'species' must be species:S:1, found species:I:1"),
        ("Properties=species:S:1:pos:R:3:forces:R:3:force:R:3", "H 0 0 0 1 2 3 1 2 3", "bad.xyz:2: Properties: 'force' repeats what an earlier column gives"),
        ("Properties=species:S:1:pos:R:3:velocities:R:3:momenta:R:3", "H 0 0 0 1 2 3 1 2 3", "bad.xyz:2: Properties: 'momenta' repeats"),
        ("Properties=species:S:1:pos:R:3:q:X:1", "H 0 0 0 1", "has type 'X', expected R, I, S or L"),
        ("Properties=species:S:1:pos:R:3:q:R:0", "H 0 0 0", "has width '0', expected an integer"),
        ("Properties=species:S:1:pos:R:3:q:R:-2", "H 0 0 0", "has width '-2', expected an integer"),
        ("Properties=species:S:1:pos:R:3:q:R:x", "H 0 0 0", "has width 'x', expected an integer"),
        ("Properties=species:S:1:pos:R:3:q:R:1:q:R:1", "H 0 0 0 1 1", "property 'q' appears twice"),
        ("Properties=species:S:1:pos:R:3:forces:R:3", "H 0 0 0 1 2 3 4", "bad.xyz:3: expected 7 columns (species:S:1:pos:R:3:forces:R:3), found 8"),
        ("Properties=species:S:1:pos:R:3:forces:R:3 pbc=\"T T T", "H 0 0 0 1 2 3", "bad.xyz:2: the value of 'pbc' is never closed: the comment line ends before its \""),
        ("Lattice=\"5 0 0 0 5 0 0 0 5\" pbc=\"T X T\"", "H 0 0 0", "bad.xyz:2: expected pbc as 3 logical values (T or F), found 'T X T'"),
        ("Lattice=\"5 0 0 0 5 0 0 0 5\" pbc=\"T T\"", "H 0 0 0", "bad.xyz:2: expected pbc as 3 logical values"),
        ("Lattice=\"5 0 0 0 5 0 0 0 5\" pbc=\"T T T T\"", "H 0 0 0", "bad.xyz:2: expected pbc as 3 logical values"),
        ("Lattice=[5 0 0 0 5 0 0 0 5", "H 0 0 0", "bad.xyz:2: the value of 'Lattice' is never closed: the comment line ends before its ]"),
    ] as [(String, String, String)])
    func malformedDescriptorsAreRefused(comment: String, atom: String, message: String) {
        let error = reason(comment, atom: atom)
        #expect(error?.contains(message) == true, "\(error ?? "read")")
    }

    @Test func wellFormedDescriptorsStillRead() throws {
        let text = "1\nLattice=\"5 0 0 0 5 0 0 0 5\" Properties=species:S:1:pos:R:3:forces:R:3:tag:I:1 pbc=\"T T F\"\nH 0 0 0 1 2 3 7\n"
        let frame = try #require(try ExtendedXYZ.read(text: text).first)
        #expect(frame.configuration.cell.periodic == [true, true, false])
        #expect(frame.forces == [SIMD3(1, 2, 3)])
        #expect(frame.atomProperty(named: "tag")?.values == .integer([7]))
        #expect(try ExtendedXYZ.text(for: [frame]).contains("tag:I:1"))
    }
}
