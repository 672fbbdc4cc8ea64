import BasinAtoms
import BasinIO
import BasinMath
import Foundation
import Testing

@Suite("n2p2 input.data structures")
struct N2P2DataTests {
    /// A periodic structure (leading spaces, comment first) and a cluster (comment after the
    /// energy, as n2p2's LJ example has it, and no charge line).
    static let sample = """
         begin
         comment two atoms in a box
        lattice 4.0 0.0 0.0
        lattice 0.5 3.0 0.0
        lattice 0.0 0.0 5.0
        atom 0.5 1.25 -2.0 H 0.25 0.0 0.1 -0.2 0.3
        atom 0 0 0 Cu -0.25 0 -1e-3 1e10 0
        energy -12.5
        charge 0.0
        end

        begin
        atom 1.0 2.0 3.0 O 0.0 0.0 0.0 0.0 -1.0
          atom 1.0 2.0 4.0 H 0.0 0.0 0.0 0.0 1.0
        energy -3.25E+00
        comment cluster: comment after energy
        end

        """

    // MARK: - Reading

    @Test func readsPeriodicStructureAndCluster() throws {
        let frames = try N2P2Data.read(text: Self.sample, file: "input.data")
        try #require(frames.count == 2)

        let box = frames[0]
        #expect(box.configuration.symbols == ["H", "Cu"])
        #expect(box.configuration.positions == [SIMD3(0.5, 1.25, -2.0), SIMD3(0, 0, 0)])
        #expect(box.configuration.cell == Cell(vectors: Matrix3(rows: SIMD3(4, 0, 0), SIMD3(0.5, 3, 0), SIMD3(0, 0, 5))))
        #expect(box.energy == -12.5)
        #expect(box.forces == [SIMD3(0.1, -0.2, 0.3), SIMD3(-1e-3, 1e10, 0)])
        #expect(box.info == ["comment": "two atoms in a box"])
        #expect(box.atomProperty(named: N2P2Data.chargesProperty) == AtomProperty(name: "charges", values: .real([0.25, -0.25])))
        #expect(box.configuration.units == .metal)

        let cluster = frames[1]
        #expect(cluster.configuration.symbols == ["O", "H"])
        #expect(cluster.configuration.positions == [SIMD3(1, 2, 3), SIMD3(1, 2, 4)])
        #expect(cluster.configuration.cell == .open)
        #expect(cluster.energy == -3.25)
        #expect(cluster.forces == [SIMD3(0, 0, -1), SIMD3(0, 0, 1)])
        #expect(cluster.info == ["comment": "cluster: comment after energy"])
        #expect(cluster.atomProperties.isEmpty)
    }

    @Test func structureWithoutEnergyReadsWithNilEnergyAndWritesNoEnergyLine() throws {
        let text = "begin\natom 0 0 0 Ar 0 0 0 0 0\nend\n"
        let frames = try N2P2Data.read(text: text)
        #expect(frames.count == 1)
        #expect(frames[0].energy == nil)
        let written = try N2P2Data.text(for: frames)
        #expect(!written.contains("energy"))
        #expect(written.hasPrefix("begin\ncomment \natom "))
        #expect(try N2P2Data.read(text: written)[0].energy == nil)
    }

    @Test func totalChargeOfAClusterIsKept() throws {
        let text = "begin\natom 0 0 0 Na 1 0 0 0 0\ncharge 1.0\nend\n"
        let frame = try #require(try N2P2Data.read(text: text).first)
        #expect(frame.info[N2P2Data.totalChargeKey] == "1.0")
        #expect(try N2P2Data.text(for: [frame]).contains("\ncharge   1.0000000000000000E+00\n"))
    }

    @Test func emptyTextHasNoStructures() throws {
        #expect(try N2P2Data.read(text: "").isEmpty)
        #expect(try N2P2Data.read(text: "\n  \n").isEmpty)
    }

    @Test func readsThroughStructureFileWithUnits() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("input.data")
            try Self.sample.write(to: url, atomically: true, encoding: .utf8)
            let frames = try StructureFile.read(from: url, units: .lennardJones)
            #expect(frames.count == 2)
            #expect(frames[0].configuration.units == .lennardJones)
            #expect(frames[1].energy == -3.25)  // no conversion
        }
    }

    // MARK: - Writing

    /// Expected lines as C's printf (and Python's `%`) format them: 0.1 has 17 significant digits
    /// 1.0000000000000001E-01.
    @Test func writerMatchesN2P2Layout() throws {
        let frames = try N2P2Data.read(text: Self.sample)
        let expected = """
            begin
            comment two atoms in a box
            lattice   4.0000000000000000E+00   0.0000000000000000E+00   0.0000000000000000E+00
            lattice   5.0000000000000000E-01   3.0000000000000000E+00   0.0000000000000000E+00
            lattice   0.0000000000000000E+00   0.0000000000000000E+00   5.0000000000000000E+00
            atom   5.0000000000000000E-01   1.2500000000000000E+00  -2.0000000000000000E+00  H   2.5000000000000000E-01   0.0000000000000000E+00   1.0000000000000001E-01  -2.0000000000000001E-01   2.9999999999999999E-01
            atom   0.0000000000000000E+00   0.0000000000000000E+00   0.0000000000000000E+00 Cu  -2.5000000000000000E-01   0.0000000000000000E+00  -1.0000000000000000E-03   1.0000000000000000E+10   0.0000000000000000E+00
            energy  -1.2500000000000000E+01
            charge   0.0000000000000000E+00
            end

            """
        let written = try N2P2Data.text(for: [frames[0]])
        #expect(written == expected, "\n\(written)")
    }

    @Test func roundTripIsByteIdentical() throws {
        let once = try N2P2Data.text(for: N2P2Data.read(text: Self.sample))
        let twice = try N2P2Data.text(for: N2P2Data.read(text: once))
        #expect(once == twice)
    }

    @Test func roundTripOfBasinStructuresIsExactAndByteIdentical() throws {
        var periodic = Frame(configuration: Samples.triclinic(), energy: -1.0 / 3.0)
        periodic.forces = periodic.configuration.positions.map { SIMD3($0.z / 7, -$0.x, 1e-300) }
        let cluster = Frame(configuration: Samples.cluster(), energy: 123456.789e-5, forces: [.zero, SIMD3(1, 2, 3), SIMD3(-0.0, 0, 1)])
        let text = try N2P2Data.text(for: [periodic, cluster])
        let read = try N2P2Data.read(text: text)
        #expect(read.count == 2)
        for (a, b) in zip(read, [periodic, cluster]) {
            #expect(a.configuration.positions == b.configuration.positions)
            #expect(a.configuration.cell == b.configuration.cell)
            #expect(a.configuration.symbols == b.configuration.symbols)
            #expect(a.energy == b.energy)
            #expect(a.forces == b.forces)
        }
        #expect(try N2P2Data.text(for: read) == text)
    }

    @Test func writesAndReadsThroughStructureFile() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("out.n2p2")
            let frames = try N2P2Data.read(text: Self.sample)
            try StructureFile.write(frames, to: url)
            let first = try Data(contentsOf: url)
            let copy = directory.appendingPathComponent("output.data")
            try StructureFile.write(StructureFile.read(from: url), to: copy)
            #expect(try Data(contentsOf: copy) == first)
            #expect(String(decoding: first, as: UTF8.self) == (try N2P2Data.text(for: frames)))
        }
    }

    @Test func framesFromOtherFormatsWriteWithZeroDefaults() throws {
        let frame = Frame(configuration: Samples.cluster())
        let text = try N2P2Data.text(for: [frame])
        #expect(text.hasPrefix("begin\ncomment \natom "))
        #expect(text.hasSuffix("  H   0.0000000000000000E+00   0.0000000000000000E+00   0.0000000000000000E+00   0.0000000000000000E+00   0.0000000000000000E+00\ncharge   0.0000000000000000E+00\nend\n"))
    }

    @Test func writerRejectsWhatN2P2CannotHold() {
        func failure(_ frame: Frame) -> FileFormatError.Problem? {
            do {
                _ = try N2P2Data.text(for: [frame], file: "out.data")
                return nil
            } catch {
                return error.problem
            }
        }
        var slab = Frame(configuration: Samples.orthorhombic())
        slab.configuration.cell.periodic = [true, true, false]
        #expect(failure(slab) != nil)
        let empty = Frame(configuration: Configuration(positions: [], species: [], elements: []))
        #expect(failure(empty) != nil)
        var charged = Frame(configuration: Samples.orthorhombic())
        charged.info["charge"] = "1"
        #expect(failure(charged) != nil)
        var garbled = Frame(configuration: Samples.cluster())
        garbled.info["charge"] = "one"
        #expect(failure(garbled) != nil)
        var infinite = Frame(configuration: Samples.cluster(), energy: .infinity)
        #expect(failure(infinite) != nil)
        infinite.energy = 0
        infinite.forces = [.zero]
        #expect(failure(infinite) == .cannotWrite("structure 1: 1 forces for 3 atoms"))
    }

    // MARK: - Errors

    private func readError(_ text: String) -> FileFormatError? {
        do {
            _ = try N2P2Data.read(text: text, file: "input.data")
            return nil
        } catch {
            return error
        }
    }

    private static let atom = "atom 0 0 0 H 0 0 0 0 0"
    private static let box = "lattice 5 0 0\nlattice 0 5 0\nlattice 0 0 5"

    @Test(arguments: [
        ("unknown keyword", "begin\nbogus 1 2\n\(atom)\nend\n", 2),
        ("atom column count", "begin\natom 0 0 0 H 0 0 0 0\nend\n", 2),
        ("atom with an extra column", "begin\n\(atom) 0\nend\n", 2),
        ("lattice column count", "begin\nlattice 5 0\n\(atom)\nend\n", 2),
        ("energy column count", "begin\n\(atom)\nenergy\nend\n", 3),
        ("end with extra text", "begin\n\(atom)\nend now\n", 3),
        ("non-numeric position", "begin\n\(atom)\natom 0 abc 0 H 0 0 0 0 0\nend\n", 3),
        ("non-finite force", "begin\natom 0 0 0 H 0 0 0 nan 0\nend\n", 2),
        ("infinite energy", "begin\n\(atom)\nenergy 1e999\nend\n", 3),
        ("non-numeric charge", "begin\natom 0 0 0 H x 0 0 0 0\nend\n", 2),
        ("non-numeric n", "begin\natom 0 0 0 H 0 - 0 0 0\nend\n", 2),
        ("unknown element", "begin\n\(atom)\natom 1 0 0 Qq 0 0 0 0 0\nend\n", 3),
        ("one lattice line", "begin\nlattice 5 0 0\n\(atom)\nend\n", 4),
        ("two lattice lines", "begin\nlattice 5 0 0\nlattice 0 5 0\n\(atom)\nend\n", 5),
        ("four lattice lines", "begin\n\(box)\nlattice 1 1 1\n\(atom)\nend\n", 5),
        ("atom before begin", "\(atom)\nbegin\n\(atom)\nend\n", 1),
        ("atom after end", "begin\n\(atom)\nend\n\(atom)\n", 4),
        ("missing end", "begin\n\(atom)\nenergy 1\n", 4),
        ("missing end of the second structure", "begin\n\(atom)\nend\nbegin\n\(atom)\n", 6),
        ("end without begin", "end\n", 1),
        ("begin inside a structure", "begin\n\(atom)\nbegin\nend\n", 3),
        ("duplicate energy", "begin\n\(atom)\nenergy 1\nenergy 1\nend\n", 4),
        ("duplicate charge", "begin\n\(atom)\ncharge 0\ncharge 0\nend\n", 4),
        ("structure without atoms", "begin\n\(box)\nenergy 1\nend\n", 6),
        ("periodic structure with a charge", "begin\n\(box)\n\(atom)\ncharge 1e-14\nenergy 1\nend\n", 6),
        ("blank line inside a structure", "begin\n\(atom)\n\nend\n", 3),
    ])
    func malformedInputNamesFileAndLine(case name: String, text: String, line: Int) throws {
        let error = try #require(readError(text), "\(name): no error")
        #expect(error.file == "input.data", "\(name)")
        #expect(error.line == line, "\(name): \(error)")
    }

    @Test func errorsSayWhatWentWrong() {
        #expect(readError("begin\nbogus 1 2\n") == FileFormatError(file: "input.data", line: 2, .unexpected(
            expected: "a keyword (comment, lattice, atom, energy, charge or end) in structure 1", found: "'bogus'")))
        #expect(readError("begin\natom 0 0 0 H 0 0 0 0\nend\n") == FileFormatError(file: "input.data", line: 2, .columnCount(
            expected: 10, columns: "atom x y z element charge n fx fy fz", found: 9)))
        #expect(readError("begin\natom 0 0 0 H 0 0 0 inf 0\nend\n") == FileFormatError(file: "input.data", line: 2, .invalidNumber(
            what: "the y component of the force", found: "inf")))
        #expect(readError("begin\natom 0 0 0 Qq 0 0 0 0 0\nend\n") == FileFormatError(file: "input.data", line: 2, .unknownElement("Qq")))
        #expect(readError("\(Self.atom)\n") == FileFormatError(file: "input.data", line: 1, .unexpected(
            expected: "'begin' of structure 1", found: "'atom'")))
        #expect(readError("begin\n\(Self.atom)\n")?.description
            == "input.data:3: unexpected end of file: expected 'end' of structure 1 (begun on line 1)")
        #expect(readError("begin\nlattice 1 0 0\n\(Self.atom)\nend\n")?.description
            == "input.data:4: structure 1 has 1 lattice line; it needs 3 (periodic) or none (cluster)")
    }

    @Test func periodicChargeWithinN2P2ToleranceIsAccepted() throws {
        let text = "begin\n\(Self.box)\n\(Self.atom)\ncharge -1e-15\nend\n"
        let frames = try N2P2Data.read(text: text)
        #expect(frames[0].configuration.cell.periodic == [true, true, true])
        #expect(frames[0].info["charge"] == "-1e-15")
        #expect(try N2P2Data.text(for: frames) == (try N2P2Data.text(for: N2P2Data.read(text: N2P2Data.text(for: frames)))))
    }

    @Test func dummyLabelsAndLennardJonesUnits() throws {
        let text = "begin\natom 0 0 0 Qq 0 0 0 0 0\natom 1 0 0 X2 0 0 0 0 0\nend\n"
        let frames = try N2P2Data.read(text: text, units: .lennardJones)
        #expect(frames[0].configuration.symbols == ["Qq", "X2"])
        #expect(frames[0].configuration.masses == [1, 1])
    }

    @Test func everyTruncationReadsOrThrows() {
        // Cutting the file anywhere either leaves whole structures or gives a FileFormatError.
        let bytes = Array(Self.sample.utf8)
        var failures = 0
        for end in 0..<bytes.count {
            if readError(String(decoding: bytes[..<end], as: UTF8.self)) != nil { failures += 1 }
        }
        #expect(failures > 0)
    }

    // MARK: - Format guessing

    @Test func guessPicksN2P2ByNameAndExtension() {
        func guess(_ path: String) -> StructureFile.Format? { StructureFile.Format.guess(for: URL(fileURLWithPath: path)) }
        #expect(guess("/runs/nnp/input.data") == .n2p2)
        #expect(guess("output.data") == .n2p2)
        #expect(guess("train.n2p2") == .n2p2)
        #expect(guess("TRAIN.N2P2") == .n2p2)
        #expect(guess("silicon.data") == .lammpsData)
        #expect(guess("my-input.data") == .lammpsData)
        #expect(guess("input.data.bak") == nil)
        #expect(guess("frames.xyz") == .extxyz)
        #expect(StructureFile.Format(rawValue: "n2p2") == .n2p2)
    }
}
