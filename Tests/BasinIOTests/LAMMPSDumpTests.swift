import BasinAtoms
import BasinIO
import BasinMath
import Foundation
import Testing

@Suite("LAMMPS dump files")
struct LAMMPSDumpTests {
    @Test func dumpWrittenByLAMMPSMatchesASEWithImageFlagsApplied() throws {
        let frames = try LAMMPSDump.read(from: fixture("lammps_argon.dump"), typeSymbols: ["Ar"])
        let expected = try ExpectedFrame.load("lammps_argon.dump")
        #expect(frames.count == 2)
        #expect(frames.map { $0.info["timestep"] } == ["0", "5"])
        for (frame, wanted) in zip(frames, expected) {
            let c = frame.configuration
            #expect(c.symbols == wanted.symbols)
            expectClose(c.cell.vectors, ExpectedFrame.matrix(wanted.cell))
            #expect(c.cell.periodic == [true, true, true])
            // ASE ignores image flags; atom 1 has ix = -1 (see Fixtures/in.argon).
            var positions = try #require(ExpectedFrame.vectors(wanted.positions))
            positions[0] -= c.cell.vectors[0]
            expectClose(c.positions, positions)
            expectClose(frame.forces, ExpectedFrame.vectors(wanted.forces))
            expectClose(c.velocities, ExpectedFrame.vectors(wanted.velocities))
            #expect(c.masses == Array(repeating: 39.948, count: 8))
            #expect(frame.atomProperties.map(\.name) == ["c_pe"])
        }
    }

    @Test func scaledCoordinates() throws {
        let frames = try LAMMPSDump.read(from: fixture("lammps_scaled.dump"))
        let expected = try ExpectedFrame.load("lammps_scaled.dump")
        #expect(frames.count == 2)
        for (frame, wanted) in zip(frames, expected) {
            expectClose(frame.configuration.positions, ExpectedFrame.vectors(wanted.positions))
            #expect(frame.configuration.symbols == Array(repeating: "X1", count: 8))
            #expect(frame.forces == nil && frame.configuration.velocities == nil)
        }
    }

    @Test func handWrittenDumpWithShuffledIDsElementsAndExtraColumns() throws {
        let text = """
            ITEM: UNITS
            metal
            ITEM: TIMESTEP
            1200
            ITEM: NUMBER OF ATOMS
            3
            ITEM: BOX BOUNDS pp pp fm
            -1.0 9.0
            0 10
            0 20
            ITEM: ATOMS element id x y z ix iy iz i_flag q note fx fy fz
            O 3 1 1 1 0 1 0 7 -0.8 a 0 0 1
            H 1 2 2 2 1 0 0 8 0.4 b 0 1 0
            H 2 3 3 3 0 0 -1 9 0.4 c 1 0 0

            """
        let frames = try LAMMPSDump.read(text: text, file: "run.dump")
        #expect(frames.count == 1)
        let frame = frames[0]
        let c = frame.configuration
        #expect(frame.info == ["timestep": "1200"])
        #expect(c.symbols == ["H", "H", "O"])
        #expect(c.cell.periodic == [true, true, false])
        #expect(c.cell.vectors == .diagonal(SIMD3(10, 10, 20)))
        // Image flags along a non-periodic direction still count, as in LAMMPS.
        #expect(c.positions == [SIMD3(12, 2, 2), SIMD3(3, 3, -17), SIMD3(1, 11, 1)])
        #expect(frame.forces == [SIMD3(0, 1, 0), SIMD3(1, 0, 0), SIMD3(0, 0, 1)])
        #expect(frame.atomProperties == [
            AtomProperty(name: "i_flag", values: .integer([8, 9, 7])),
            AtomProperty(name: "q", values: .real([0.4, 0.4, -0.8])),
            AtomProperty(name: "note", values: .string(["b", "c", "a"])),
        ])
    }

    @Test func triclinicBoundingBoxIsConvertedToTheCell() throws {
        let text = """
            ITEM: TIMESTEP
            0
            ITEM: NUMBER OF ATOMS
            1
            ITEM: BOX BOUNDS xy xz yz pp pp pp
            -2.0 11.0 -2.0
            0.0 10.0 1.0
            0.0 10.0 1.5
            ITEM: ATOMS id type xs ys zs
            1 1 0.5 0.5 0.5

            """
        let c = try LAMMPSDump.read(text: text)[0].configuration
        // xy = -2, xz = 1, yz = 1.5: xlo = -2 - min(0, xy, xz, xy + xz) = 0, xhi = 11 - max(…) = 10,
        // ylo = 0 - min(0, yz) = 0, yhi = 10 - max(0, yz) = 8.5.
        #expect(c.cell.vectors == Matrix3(rows: SIMD3(10, 0, 0), SIMD3(-2, 8.5, 0), SIMD3(1, 1.5, 10)))
        #expect(c.positions == [SIMD3(4.5, 5, 5)])
    }

    @Test func writerRoundTripKeepsGeometrySymbolsAndTimesteps() throws {
        let triclinic = Samples.triclinic()
        let forces = triclinic.positions.map { SIMD3(-$0.y, $0.x, 0.25) }
        let frames = [
            Frame(configuration: Samples.orthorhombic(), info: ["timestep": "100"]),
            Frame(configuration: triclinic, forces: forces),
        ]
        var read: [Frame] = []
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("run.dump")
            try LAMMPSDump.write(frames, to: url)
            read = try LAMMPSDump.read(from: url)
        }
        #expect(read.map { $0.info["timestep"] } == ["100", "1"])
        #expect(read[0].configuration.positions == frames[0].configuration.positions)
        #expect(read[0].configuration.cell == frames[0].configuration.cell)
        #expect(read[0].configuration.symbols == frames[0].configuration.symbols)
        let c = read[1].configuration
        #expect(c.symbols == triclinic.symbols)
        let (h, g) = (c.cell.vectors, triclinic.cell.vectors)
        for k in 0..<3 {
            for l in 0..<3 { #expect(abs(dot(h[k], h[l]) - dot(g[k], g[l])) < 1e-12) }
            for i in 0..<triclinic.count {
                #expect(abs(dot(c.positions[i], h[k]) - dot(triclinic.positions[i], g[k])) < 1e-12)
                #expect(abs(dot(try #require(read[1].forces?[i]), h[k]) - dot(forces[i], g[k])) < 1e-12)
            }
        }
    }
}

@Suite("LAMMPS dump errors name file and line")
struct LAMMPSDumpErrorTests {
    private let frameHeader = "ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n2\nITEM: BOX BOUNDS pp pp pp\n0 5\n0 5\n0 5\n"

    private func read(_ text: String) throws(FileFormatError) {
        _ = try LAMMPSDump.read(text: text, file: "run.dump")
    }

    @Test func missingFile() {
        let url = URL(fileURLWithPath: "/nonexistent/run.dump")
        #expect(throws: FileFormatError(file: url.path, line: nil, .fileNotFound)) { try LAMMPSDump.read(from: url) }
    }

    @Test func truncatedFrame() {
        let text = frameHeader + "ITEM: ATOMS id type x y z\n1 1 0 0 0\n"
        let error = FileFormatError(file: "run.dump", line: 11, .unexpectedEndOfFile(expected: "2 atom lines in frame 1, found 1"))
        #expect(throws: error) { try read(text) }
        #expect(throws: FileFormatError(file: "run.dump", line: 9, .unexpectedEndOfFile(expected: "'ITEM: ATOMS' of frame 1"))) {
            try read(frameHeader)
        }
    }

    @Test func wrongColumnCountAndBadNumbers() {
        #expect(throws: FileFormatError(file: "run.dump", line: 11, .columnCount(expected: 5, columns: "id type x y z", found: 4))) {
            try read(frameHeader + "ITEM: ATOMS id type x y z\n1 1 0 0 0\n2 1 0 0\n")
        }
        #expect(throws: FileFormatError(file: "run.dump", line: 10, .invalidNumber(what: "the position y", found: "-nan"))) {
            try read(frameHeader + "ITEM: ATOMS id type x y z\n1 1 0 -nan 0\n2 1 0 0 0\n")
        }
        #expect(throws: FileFormatError(file: "run.dump", line: 11, .unexpected(expected: "an integer for the atom type", found: "'one'"))) {
            try read(frameHeader + "ITEM: ATOMS id type x y z\n1 1 0 0 0\n2 one 0 0 0\n")
        }
    }

    @Test func structuralProblems() {
        #expect(throws: FileFormatError(file: "run.dump", line: 1, .unexpected(expected: "an 'ITEM:' line", found: "'hello'"))) {
            try read("hello\n")
        }
        #expect(throws: FileFormatError(file: "run.dump", line: 9, .unexpected(
            expected: "position columns (xu yu zu, x y z, xsu ysu zsu or xs ys zs)", found: "'id type x y'"))) {
            try read(frameHeader + "ITEM: ATOMS id type x y\n")
        }
        #expect(throws: FileFormatError(file: "run.dump", line: 3, .unexpected(
            expected: "'ITEM: NUMBER OF ATOMS' before the atoms of frame 1", found: "none"))) {
            try read("ITEM: TIMESTEP\n0\nITEM: ATOMS id x y z\n")
        }
        #expect(throws: FileFormatError(file: "run.dump", line: 11, .invalid("atom id 1 appears twice in frame 1 (first on line 10)"))) {
            try read(frameHeader + "ITEM: ATOMS id type x y z\n1 1 0 0 0\n1 1 1 1 1\n")
        }
        #expect(throws: FileFormatError(file: "run.dump", line: 7, .columnCount(expected: 2, columns: "ylo yhi", found: 1))) {
            try read("ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n2\nITEM: BOX BOUNDS pp pp pp\n0 5\n5\n0 5\n")
        }
    }

    @Test func unknownElementInTheElementColumn() {
        #expect(throws: FileFormatError(file: "run.dump", line: 11, .unknownElement("Qq"))) {
            try read(frameHeader + "ITEM: ATOMS id element x y z\n1 Ar 0 0 0\n2 Qq 0 0 0\n")
        }
    }
}
