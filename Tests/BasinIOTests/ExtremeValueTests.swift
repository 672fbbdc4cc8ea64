import BasinIO
import Testing

/// Extreme numbers in structure files are refused with file and line, never allocated by or
/// turned into infinite positions.
@Suite("Extreme values in structure files")
struct ExtremeValueTests {
    @Test func imageFlagsThatOverflowThePositionAreRefused() {
        let data = """
            title

            1 atoms
            1 atom types
            0 1e308 xlo xhi
            0 1 ylo yhi
            0 1 zlo zhi

            Atoms # atomic

            1 1 0.5 0.5 0.5 9223372036854775807 0 0

            """
        #expect(throws: FileFormatError(file: "big.data", line: 11, .invalid("the position of atom id 1 with its image flags is not finite"))) {
            try LAMMPSData.read(text: data, file: "big.data")
        }
        let dump = """
            ITEM: TIMESTEP
            0
            ITEM: NUMBER OF ATOMS
            1
            ITEM: BOX BOUNDS pp pp pp
            0 1e308
            0 1
            0 1
            ITEM: ATOMS id type x y z ix iy iz
            1 1 0.5 0.5 0.5 9223372036854775807 0 0

            """
        #expect(throws: FileFormatError(file: "big.dump", line: 10, .invalid("the position with its image flags and the box is not finite"))) {
            try LAMMPSDump.read(text: dump, file: "big.dump")
        }
    }

    @Test func hugeAtomCountsEndTheFileInsteadOfAllocating() {
        for count in ["9223372036854775807", "4294967296", "1000000000"] {
            #expect(throws: FileFormatError.self) { try ExtendedXYZ.read(text: "\(count)\nx\nAr 0 0 0\n") }
            let dump = "ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n\(count)\nITEM: BOX BOUNDS pp pp pp\n0 1\n0 1\n0 1\nITEM: ATOMS id type x y z\n1 1 0 0 0\n"
            #expect(throws: FileFormatError.self) { try LAMMPSDump.read(text: dump) }
            let data = "t\n\n\(count) atoms\n1 atom types\n\nAtoms # atomic\n\n1 1 0 0 0\n"
            #expect(throws: FileFormatError.self) { try LAMMPSData.read(text: data) }
        }
    }
}
