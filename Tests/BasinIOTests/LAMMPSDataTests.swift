import BasinAtoms
import BasinIO
import BasinMath
import Foundation
import Testing

@Suite("LAMMPS data files")
struct LAMMPSDataTests {
    private func roundTrip(_ configuration: Configuration, periodic: [Bool] = [true, true, true]) throws -> Configuration {
        try LAMMPSData.read(text: LAMMPSData.text(for: configuration), periodic: periodic)
    }

    @Test func orthorhombicRoundTrip() throws {
        var original = Samples.orthorhombic()
        original.positions[3] += SIMD3(7.3, -8.1, 15.0)  // outside the box: written wrapped with image flags
        original.velocities = original.positions.map { SIMD3($0.z, 0.5, -$0.x) }
        let read = try roundTrip(original)
        #expect(read.symbols == original.symbols)
        #expect(read.cell == original.cell)
        #expect(read.masses == original.masses)
        expectClose(read.positions, original.positions)
        #expect(read.velocities == original.velocities)
    }

    @Test func writtenFileLayout() throws {
        let configuration = Configuration(
            positions: [SIMD3(0.5, 0.5, 0.5), SIMD3(-0.5, 1, 1)], species: [0, 1],
            elements: [try Element(symbol: "Si"), try Element(symbol: "C")], cell: .orthorhombic(SIMD3(2, 3, 4)))
        let text = try LAMMPSData.text(for: configuration, title: "two atoms")
        #expect(text == """
            two atoms

            2 atoms
            2 atom types

            0.0 2.0 xlo xhi
            0.0 3.0 ylo yhi
            0.0 4.0 zlo zhi

            Masses

            1 28.085 # Si
            2 12.011 # C

            Atoms # atomic

            1 1 0.5 0.5 0.5 0 0 0
            2 2 1.5 1.0 1.0 -1 0 0

            """)
    }

    @Test func triclinicCellIsRotatedIntoLowerTriangularForm() throws {
        let original = Samples.triclinic()
        let text = try LAMMPSData.text(for: original)
        #expect(text.contains("xy xz yz"))
        let read = try roundTrip(original)
        let (h, g) = (read.cell.vectors, original.cell.vectors)
        #expect(h[0].y == 0 && h[0].z == 0 && h[1].z == 0)
        #expect(h[0].x > 0 && h[1].y > 0 && h[2].z > 0)
        // A rotation keeps every dot product with the lattice vectors.
        for k in 0..<3 {
            for l in 0..<3 { #expect(abs(dot(h[k], h[l]) - dot(g[k], g[l])) < 1e-12) }
            for i in 0..<original.count {
                #expect(abs(dot(read.positions[i], h[k]) - dot(original.positions[i], g[k])) < 1e-12)
                let v = try #require(read.velocities?[i]), w = try #require(original.velocities?[i])
                #expect(abs(dot(v, h[k]) - dot(w, g[k])) < 1e-12)
            }
        }
        #expect(read.symbols == original.symbols)
    }

    @Test func leftHandedCellIsMirroredKeepingDistances() throws {
        var original = Samples.triclinic()
        original.cell.vectors = Matrix3(rows: original.cell.vectors[1], original.cell.vectors[0], original.cell.vectors[2])
        #expect(original.cell.vectors.determinant < 0)
        let read = try roundTrip(original)
        #expect(read.cell.vectors.determinant > 0)
        #expect(abs(read.cell.volume - original.cell.volume) < 1e-12)
        for i in 0..<original.count {
            for j in 0..<original.count {
                let d = length(read.positions[i] - read.positions[j])
                #expect(abs(d - length(original.positions[i] - original.positions[j])) < 1e-12)
            }
        }
    }

    @Test func clusterGetsItsBoundingBoxWithAMargin() throws {
        let original = Samples.cluster()
        let read = try roundTrip(original, periodic: [false, false, false])
        #expect(read.positions == original.positions)
        #expect(read.cell.periodic == [false, false, false])
        let widths = read.cell.vectors
        #expect(abs(widths[0].x - 2) < 1e-12)
        #expect(abs(widths[1].y - (2 + 2 * 0.763239)) < 1e-12)
    }

    @Test func readsCommentsImageFlagsVelocitiesAndAtomsOutOfOrder() throws {
        let text = """
            # a hand-written file
            4 atoms  # count
            2 atom types
            3 bonds
            0 10 xlo xhi
            -1 9 ylo yhi
            0 10 zlo zhi
            1 0 0 xy xz yz

            Masses

            1 39.948 # Ar argon
            2 83.798 # Kr

            Pair Coeffs # lj/cut

            1 0.01 3.4
            2 0.014 3.6

            Atoms # atomic

            3 2 1 1 1
            1 1 0 0 0 1 -1 2  # wrapped
            4 1 5 5 5

            2 1 2 2 2
            Velocities

            4 0.1 0.2 0.3
            1 1 2 3
            3 0 0 0
            2 -1 -2 -3
            """
        let c = try LAMMPSData.read(text: text, file: "data.lmp")
        #expect(c.symbols == ["Ar", "Ar", "Kr", "Ar"])
        #expect(c.positions == [SIMD3(10 + 1 * -1, -10, 20), SIMD3(2, 2, 2), SIMD3(1, 1, 1), SIMD3(5, 5, 5)])
        #expect(c.cell.vectors == Matrix3(rows: SIMD3(10, 0, 0), SIMD3(1, 10, 0), SIMD3(0, 0, 10)))
        #expect(c.velocities == [SIMD3(1, 2, 3), SIMD3(-1, -2, -3), .zero, SIMD3(0.1, 0.2, 0.3)])
        #expect(c.masses == [39.948, 39.948, 83.798, 39.948])
    }

    @Test func typesWithoutSymbolsBecomeDummiesWithTheirMasses() throws {
        let text = "title\n\n2 atoms\n2 atom types\n0 5 xlo xhi\n0 5 ylo yhi\n0 5 zlo zhi\n\nMasses\n\n1 12.5\n2 7\n\nAtoms\n\n1 2 0 0 0\n2 1 1 1 1\n"
        let c = try LAMMPSData.read(text: text)
        #expect(c.symbols == ["X2", "X1"])
        #expect(c.elements == [.dummy("X1", mass: 12.5), .dummy("X2", mass: 7)])
        #expect(c.masses == [7, 12.5])
        let mapped = try LAMMPSData.read(text: text, typeSymbols: ["C", "Li"])
        #expect(mapped.symbols == ["Li", "C"])
        #expect(mapped.masses == [7, 12.5])
    }

    @Test func typeLabelsNameTheSpecies() throws {
        let text = "t\n\n2 atoms\n2 atom types\n0 5 xlo xhi\n0 5 ylo yhi\n0 5 zlo zhi\n\nAtom Type Labels\n\n1 Si\n2 O\n\nMasses\n\nSi 28.085\nO 15.999\n\nAtoms # atomic\n\n1 O 0 0 0\n2 Si 1 1 1\n"
        let c = try LAMMPSData.read(text: text)
        #expect(c.symbols == ["O", "Si"])
        #expect(c.elements.map(\.symbol) == ["Si", "O"])
    }

    @Test func lennardJonesUnits() throws {
        let configuration = try Configuration(
            symbols: ["A", "Q", "A"], positions: [.zero, SIMD3(1, 0, 0), SIMD3(0, 1, 0)],
            cell: .orthorhombic(SIMD3(4, 4, 4)), units: .lennardJones)
        let text = try LAMMPSData.text(for: configuration)
        let read = try LAMMPSData.read(text: text, units: .lennardJones)
        #expect(read.symbols == ["A", "Q", "A"])
        #expect(read.masses == [1, 1, 1])
        #expect(read.units == .lennardJones)
    }
}

@Suite("LAMMPS data file errors name file and line")
struct LAMMPSDataErrorTests {
    private let header = "title\n\n2 atoms\n1 atom types\n0 5 xlo xhi\n0 5 ylo yhi\n0 5 zlo zhi\n\nMasses\n\n1 39.948 # Ar\n\nAtoms # atomic\n\n"

    private func read(_ text: String, typeSymbols: [String]? = nil) throws(FileFormatError) {
        _ = try LAMMPSData.read(text: text, file: "data.lmp", typeSymbols: typeSymbols)
    }

    @Test func missingFile() {
        let url = URL(fileURLWithPath: "/nonexistent/data.lmp")
        #expect(throws: FileFormatError(file: url.path, line: nil, .fileNotFound)) { try LAMMPSData.read(from: url) }
    }

    @Test func wrongColumnCount() {
        let error = FileFormatError(file: "data.lmp", line: 16, .columnCount(expected: 5, columns: "id type x y z [ix iy iz]", found: 4))
        #expect(throws: error) { try read(header + "1 1 0 0 0\n2 1 0 0\n") }
        #expect(error.description == "data.lmp:16: expected 5 columns (id type x y z [ix iy iz]), found 4")
        #expect(throws: FileFormatError(file: "data.lmp", line: 16, .columnCount(
            expected: 8, columns: "id type x y z [ix iy iz]", found: 6))) { try read(header + "1 1 0 0 0\n2 1 0 0 0 0\n") }
    }

    @Test func nonNumericAndNonFiniteCoordinates() {
        #expect(throws: FileFormatError(file: "data.lmp", line: 17, .invalidNumber(what: "the z coordinate", found: "nan"))) {
            try read(header + "1 1 0 0 0\n\n2 1 0 0 nan\n")
        }
        #expect(throws: FileFormatError(file: "data.lmp", line: 16, .invalidNumber(what: "the x coordinate", found: "1.2.3"))) {
            try read(header + "1 1 0 0 0\n2 1 1.2.3 0 0\n")
        }
        #expect(throws: FileFormatError(file: "data.lmp", line: 5, .invalidNumber(what: "xlo xhi", found: "inf"))) {
            try read("title\n\n2 atoms\n1 atom types\n0 inf xlo xhi\n")
        }
    }

    @Test func truncatedAtomsSection() {
        #expect(throws: FileFormatError(file: "data.lmp", line: 16, .unexpectedEndOfFile(
            expected: "2 lines in section Atoms (line 13), found 1"))) { try read(header + "1 1 0 0 0\n") }
    }

    @Test func atomCountMismatchBeforeTheNextSection() {
        #expect(throws: FileFormatError(file: "data.lmp", line: 17, .unexpected(
            expected: "2 lines in section Atoms (line 13)", found: "1 before the next section"))) {
            try read(header + "1 1 0 0 0\n\nVelocities\n\n1 0 0 0\n")
        }
        #expect(throws: FileFormatError(file: "data.lmp", line: 17, .invalid(
            "more lines in section Atoms than the 2 atoms of the header"))) { try read(header + "1 1 0 0 0\n2 1 0 0 0\n3 1 0 0 0\n") }
    }

    @Test func duplicateIDAndBadType() {
        #expect(throws: FileFormatError(file: "data.lmp", line: 16, .invalid("atom id 1 appears twice (first on line 15)"))) {
            try read(header + "1 1 0 0 0\n1 1 1 1 1\n")
        }
        #expect(throws: FileFormatError(file: "data.lmp", line: 16, .unexpected(expected: "an atom type in 1…1", found: "2"))) {
            try read(header + "1 1 0 0 0\n2 2 1 1 1\n")
        }
    }

    @Test func unsupportedAtomStyle() {
        let text = header.replacingOccurrences(of: "Atoms # atomic", with: "Atoms # full")
        #expect(throws: FileFormatError(file: "data.lmp", line: 13, .unexpected(
            expected: "atom_style atomic ('Atoms # atomic')", found: "'Atoms # full'"))) { try read(text + "1 1 1 0 0 0 0\n") }
    }

    @Test func unknownCallerSymbolAndMissingHeader() {
        #expect(throws: FileFormatError(file: "data.lmp", line: nil, .unknownElement("Qq"))) {
            try read(header + "1 1 0 0 0\n2 1 1 1 1\n", typeSymbols: ["Qq"])
        }
        #expect(throws: FileFormatError(file: "data.lmp", line: 4, .unexpected(
            expected: "'N atom types' in the header before section Atoms", found: "none"))) {
            try read("title\n2 atoms\n\nAtoms\n")
        }
        #expect(throws: FileFormatError(file: "data.lmp", line: 3, .unexpected(
            expected: "a header line such as 'N atoms' or a section name", found: "'Atomz'"))) {
            try read("title\n2 atoms\nAtomz\n")
        }
    }

    @Test func velocityForAnUnknownAtom() {
        #expect(throws: FileFormatError(file: "data.lmp", line: 20, .invalid(
            "velocity for atom id 9, which is not in section Atoms"))) {
            try read(header + "1 1 0 0 0\n2 1 1 1 1\n\nVelocities\n\n9 0 0 0\n")
        }
    }

    @Test func writingMixedMassesWithinASpeciesFails() {
        var configuration = Samples.cluster()
        configuration.masses[2] = 2.014
        #expect(throws: FileFormatError(file: "out.lmp", line: nil, .cannotWrite(
            "atoms of species H have different masses (1.008 and 2.014); atom_style atomic stores one mass per type"))) {
            _ = try LAMMPSData.text(for: configuration, file: "out.lmp")
        }
    }
}
