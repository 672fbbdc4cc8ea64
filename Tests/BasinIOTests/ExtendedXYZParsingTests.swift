import BasinAtoms
import BasinIO
import BasinMath
import Testing

@Suite("Extended XYZ parsing")
struct ExtendedXYZParsingTests {
    @Test func plainXYZKeepsTheCommentAsText() throws {
        let text = """
            2
            Hydrogen molecule, bond 0.74 A
            H 0 0 0
            H 0 0 0.74

            """
        let frames = try ExtendedXYZ.read(text: text)
        #expect(frames.count == 1)
        let c = frames[0].configuration
        #expect(c.symbols == ["H", "H"])
        #expect(c.positions == [.zero, SIMD3(0, 0, 0.74)])
        #expect(c.cell == .open)
        #expect(frames[0].info == ["comment": "Hydrogen molecule, bond 0.74 A"])
        #expect(frames[0].energy == nil && frames[0].forces == nil)
    }

    @Test func plainXYZToleratesExtraColumnsWindowsLineEndsAndTabs() throws {
        let text = "1\r\n\r\nAr\t1.0  2.0\t3.0  extra stuff\r\n"
        let frames = try ExtendedXYZ.read(text: text)
        #expect(frames[0].configuration.positions == [SIMD3(1, 2, 3)])
        #expect(frames[0].info.isEmpty)
    }

    @Test func latticeRowsAreLatticeVectorsAndPbcDefaultsToPeriodic() throws {
        let text = """
            1
            Lattice="1 2 3 4 5 6 7 8 10" Properties=species:S:1:pos:R:3
            Si 0 0 0

            """
        let cell = try ExtendedXYZ.read(text: text)[0].configuration.cell
        #expect(cell.vectors[0] == SIMD3(1, 2, 3))
        #expect(cell.vectors[1] == SIMD3(4, 5, 6))
        #expect(cell.vectors[2] == SIMD3(7, 8, 10))
        #expect(cell.periodic == [true, true, true])
    }

    @Test func pbcWithoutLatticeKeepsTheFlagsWithAZeroCellAsASEDoes() throws {
        let text = """
            1
            Properties=species:S:1:pos:R:3 pbc="T F T"
            Si 0 0 0

            """
        let cell = try ExtendedXYZ.read(text: text)[0].configuration.cell
        #expect(cell.vectors == .zero)
        #expect(cell.periodic == [true, false, true])
    }

    @Test func stressAndVirialAreColumnMajor() throws {
        let text = """
            1
            stress="1 2 3 4 5 6 7 8 9" virial={1,0,0,0,2,0,0,0,3} energy=-1.5 Lattice="2 0 0 0 2 0 0 0 2"
            Si 0 0 0

            """
        let frame = try ExtendedXYZ.read(text: text)[0]
        #expect(frame.stress?[0] == SIMD3(1, 4, 7))
        #expect(frame.stress?[1] == SIMD3(2, 5, 8))
        #expect(frame.virial == .diagonal(SIMD3(1, 2, 3)))
        #expect(frame.energy == -1.5)
    }

    @Test func commentLineGrammarFollowsASE() throws {
        let text = #"""
            1
            a=1 b = 2  c="x y" d='single' e={curly braces} f=[1,2,3] flag g="escaped \"quote\"" h=x=y "quoted key"=v Properties=species:S:1:pos:R:3
            Si 0 0 0

            """#
        let info = try ExtendedXYZ.read(text: text)[0].info
        #expect(info["a"] == "1")
        #expect(info["b"] == "2")
        #expect(info["c"] == "x y")
        #expect(info["d"] == "single")
        #expect(info["e"] == "curly braces")
        #expect(info["f"] == "1,2,3")
        #expect(info["flag"] == "T")
        #expect(info["g"] == "escaped \"quote\"")
        #expect(info["h"] == "x=y")
        #expect(info["quoted key"] == "v")
        #expect(info["Properties"] == nil)
    }

    @Test func columnsFollowThePropertiesInAnyOrder() throws {
        let text = """
            2
            Properties=forces:R:3:id:I:1:pos:R:3:species:S:1:velo:R:3:mass:R:1 pbc="F F F"
            0.1 0.2 0.3 7 1 2 3 si 0.5 0.5 0.5 28.0
            -0.1 -0.2 -0.3 8 4 5 6 CU 0 0 1 64

            """
        let frame = try ExtendedXYZ.read(text: text)[0]
        let c = frame.configuration
        #expect(c.symbols == ["Si", "Cu"])
        #expect(c.positions == [SIMD3(1, 2, 3), SIMD3(4, 5, 6)])
        #expect(c.velocities == [SIMD3(0.5, 0.5, 0.5), SIMD3(0, 0, 1)])
        #expect(c.masses == [28, 64])
        #expect(frame.forces == [SIMD3(0.1, 0.2, 0.3), SIMD3(-0.1, -0.2, -0.3)])
        #expect(frame.atomProperties == [AtomProperty(name: "id", values: .integer([7, 8]))])
    }

    @Test func atomicNumbersNameTheSpecies() throws {
        let text = """
            2
            Properties=Z:I:1:pos:R:3
            8 0 0 0
            1 0 0 1

            """
        #expect(try ExtendedXYZ.read(text: text)[0].configuration.symbols == ["O", "H"])
    }

    @Test func momentaBecomeVelocitiesInAngstromPerPicosecond() throws {
        let text = """
            1
            Properties=species:S:1:pos:R:3:momenta:R:3
            H 0 0 0 1.008 0 -2.016

            """
        let velocities = try #require(try ExtendedXYZ.read(text: text)[0].configuration.velocities)
        expectClose(velocities, [SIMD3(98.22694788464064, 0, -2 * 98.22694788464064)], tolerance: 1e-12)
    }

    @Test func dummySpeciesInMetalUnitsStartWithX() throws {
        let text = """
            2
            comment
            X 0 0 0
            X2 1 0 0

            """
        let c = try ExtendedXYZ.read(text: text)[0].configuration
        #expect(c.symbols == ["X", "X2"])
        #expect(c.elements.allSatisfy { $0.isDummy })
        #expect(c.masses == [1, 1])
    }

    @Test func emptyFileHasNoFramesAndZeroAtomFramesAreAllowed() throws {
        #expect(try ExtendedXYZ.read(text: "").isEmpty)
        #expect(try ExtendedXYZ.read(text: "\n\n").isEmpty)
        let frames = try ExtendedXYZ.read(text: "0\nenergy=0\n")
        #expect(frames.count == 1 && frames[0].configuration.count == 0)
    }

    @Test func writtenCommentLineMatchesASELayout() throws {
        let configuration = Configuration(
            positions: [SIMD3(0, 0, 0)], species: [0], elements: [try Element(symbol: "Si")],
            cell: .orthorhombic(SIMD3(2, 3, 4)))
        let frame = Frame(
            configuration: configuration, energy: -1.5, forces: [SIMD3(0, 0, 1)], stress: .diagonal(SIMD3(1, 2, 3)),
            info: ["note": "two words"])
        let text = try ExtendedXYZ.text(for: [frame])
        #expect(text == """
            1
            Lattice="2.0 0.0 0.0 0.0 3.0 0.0 0.0 0.0 4.0" Properties=species:S:1:pos:R:3:forces:R:3 energy=-1.5 stress="1.0 0.0 0.0 0.0 2.0 0.0 0.0 0.0 3.0" note="two words" pbc="T T T"
            Si 0.0 0.0 0.0 0.0 0.0 1.0

            """)
    }
}
