import BasinAtoms
import BasinIO
import BasinMath
import Foundation
import Testing

/// Files written by ASE (Fixtures/make_fixtures.py) read as ASE reads them back.
@Suite("ASE-written fixtures")
struct ASEFixtureTests {
    private func expectMatches(
        _ frame: Frame, _ expected: ExpectedFrame, tolerance: Double = 1e-12, massTolerance: Double = 1e-12,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let c = frame.configuration
        #expect(c.symbols == expected.symbols, sourceLocation: sourceLocation)
        expectClose(c.positions, ExpectedFrame.vectors(expected.positions), tolerance: tolerance, sourceLocation: sourceLocation)
        expectClose(c.cell.vectors, ExpectedFrame.matrix(expected.cell), tolerance: tolerance, sourceLocation: sourceLocation)
        #expect(c.cell.periodic == expected.pbc, sourceLocation: sourceLocation)
        let massDeviation = zip(c.masses, expected.masses).map { abs($0 - $1) }.max() ?? 0
        #expect(c.masses.count == expected.masses.count && massDeviation <= massTolerance, sourceLocation: sourceLocation)
        #expect(frame.energy == expected.energy, sourceLocation: sourceLocation)
        expectClose(frame.forces, ExpectedFrame.vectors(expected.forces), tolerance: tolerance, sourceLocation: sourceLocation)
        expectClose(frame.stress, ExpectedFrame.matrix(expected.stress), tolerance: tolerance, sourceLocation: sourceLocation)
        expectClose(c.velocities, ExpectedFrame.vectors(expected.velocities), tolerance: tolerance, sourceLocation: sourceLocation)
    }

    @Test func triclinicFrameWithEnergyForcesStressAndMomenta() throws {
        let frames = try ExtendedXYZ.read(from: fixture("ase_triclinic.extxyz"))
        let expected = try ExpectedFrame.load("ase_triclinic.extxyz")
        #expect(frames.count == 1)
        expectMatches(frames[0], expected[0])
        #expect(frames[0].info == ["config_type": "bulk crystal", "step": "7", "temperature": "300.5", "converged": "T"])
        #expect(frames[0].atomProperty(named: "tags") == AtomProperty(name: "tags", values: .integer([1, 2, 1, 3])))
        #expect(frames[0].atomProperty(named: "initial_charges")?.values == .real([0.1, -0.2, 0.05, 0.05]))
    }

    @Test func multiFrameFileWithClusterCustomMassesAndSlab() throws {
        let frames = try ExtendedXYZ.read(from: fixture("ase_frames.extxyz"))
        let expected = try ExpectedFrame.load("ase_frames.extxyz")
        #expect(frames.count == expected.count)
        for (frame, wanted) in zip(frames, expected) { expectMatches(frame, wanted) }
        #expect(frames[0].configuration.cell == .open)
        #expect(frames[2].configuration.cell.periodic == [true, true, false])
    }

    @Test func lammpsDataFileWrittenByASE() throws {
        let configuration = try LAMMPSData.read(from: fixture("ase_triclinic.lmp"))
        let expected = try ExpectedFrame.load("ase_triclinic.lmp")
        // ASE converts masses between LAMMPS's g/mol and its own amu with other constants, which
        // changes them by 3e-10 relative; Basin keeps the file's numbers.
        expectMatches(Frame(configuration: configuration), expected[0], massTolerance: 1e-8)
        #expect(configuration.masses[3] == 12.010999996910238)
        #expect(configuration.elements.map(\.symbol) == ["Si", "C"])
    }

    @Test func basinRewritesASEFramesUnchanged() throws {
        let frames = try ExtendedXYZ.read(from: fixture("ase_frames.extxyz"))
        let again = try ExtendedXYZ.read(text: ExtendedXYZ.text(for: frames))
        for (a, b) in zip(frames, again) {
            #expect(a.configuration.positions == b.configuration.positions)
            #expect(a.configuration.cell == b.configuration.cell)
            #expect(a.configuration.masses == b.configuration.masses)
            #expect(a.forces == b.forces && a.energy == b.energy)
        }
    }
}
