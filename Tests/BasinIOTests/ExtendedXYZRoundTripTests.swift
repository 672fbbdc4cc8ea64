import BasinAtoms
import BasinIO
import BasinMath
import Foundation
import Testing

@Suite("Extended XYZ round trips")
struct ExtendedXYZRoundTripTests {
    private func roundTrip(_ frames: [Frame], units: UnitSystem = .metal) throws -> [Frame] {
        var result: [Frame] = []
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("frames.extxyz")
            try ExtendedXYZ.write(frames, to: url)
            result = try ExtendedXYZ.read(from: url, units: units)
        }
        return result
    }

    private func expectSame(_ a: Frame, _ b: Frame, sourceLocation: SourceLocation = #_sourceLocation) {
        let (x, y) = (a.configuration, b.configuration)
        #expect(x.symbols == y.symbols, sourceLocation: sourceLocation)
        #expect(x.elements == y.elements, sourceLocation: sourceLocation)
        #expect(x.positions == y.positions, sourceLocation: sourceLocation)
        #expect(x.cell == y.cell, sourceLocation: sourceLocation)
        #expect(x.masses == y.masses, sourceLocation: sourceLocation)
        #expect(x.velocities == y.velocities, sourceLocation: sourceLocation)
        #expect(x.units == y.units, sourceLocation: sourceLocation)
        #expect(a.energy == b.energy, sourceLocation: sourceLocation)
        #expect(a.forces == b.forces, sourceLocation: sourceLocation)
        #expect(a.stress == b.stress, sourceLocation: sourceLocation)
        #expect(a.virial == b.virial, sourceLocation: sourceLocation)
        #expect(a.info == b.info, sourceLocation: sourceLocation)
        #expect(a.atomProperties == b.atomProperties, sourceLocation: sourceLocation)
    }

    @Test func orthorhombicCellIsExact() throws {
        let frame = Frame(configuration: Samples.orthorhombic())
        let read = try roundTrip([frame])
        #expect(read.count == 1)
        expectSame(read[0], frame)
    }

    @Test func triclinicCellWithEnergyForcesStressAndVelocitiesIsExact() throws {
        let configuration = Samples.triclinic()
        let frame = Frame(
            configuration: configuration, energy: -17.123456789012345,
            forces: configuration.positions.map { SIMD3(0.1 * $0.y, -0.3 * $0.x, 1.0 / 3.0) },
            stress: Matrix3(rows: SIMD3(0.01, 0.002, -0.003), SIMD3(0.004, -0.02, 0.005), SIMD3(-0.006, 0.007, 0.03)),
            virial: Matrix3(rows: SIMD3(1, 2, 3), SIMD3(4, 5, 6), SIMD3(7, 8, 9)))
        let read = try roundTrip([frame])
        expectSame(read[0], frame)
    }

    @Test func clusterHasNoLatticeAndNoPeriodicity() throws {
        let frame = Frame(configuration: Samples.cluster(), energy: -14.2)
        let text = try ExtendedXYZ.text(for: [frame])
        #expect(!text.contains("Lattice"))
        #expect(text.contains("pbc=\"F F F\""))
        let read = try roundTrip([frame])
        expectSame(read[0], frame)
        #expect(read[0].configuration.cell == .open)
    }

    @Test func multipleFramesKeepTheirOwnCellsAndData() throws {
        let frames = [
            Frame(configuration: Samples.cluster(), energy: 1.5, forces: [.zero, SIMD3(1, 2, 3), SIMD3(-1, -2, -3)]),
            Frame(configuration: Samples.orthorhombic(), energy: -3.25e-8, info: ["step": "10"]),
            Frame(configuration: Samples.triclinic(), stress: .identity),
        ]
        let read = try roundTrip(frames)
        #expect(read.count == 3)
        for (a, b) in zip(read, frames) { expectSame(a, b) }
    }

    @Test func infoValuesAndExtraColumnsSurvive() throws {
        var configuration = Samples.cluster()
        configuration.masses[1] = 2.014
        let frame = Frame(
            configuration: configuration,
            info: [
                "config_type": "water molecule", "quote": "say \"hi\"", "path": "C:\\data", "converged": "T",
                "temperature": "300.5", "empty": "", "list": "1 2 3", "eq": "a=b",
            ],
            atomProperties: [
                AtomProperty(name: "tags", values: .integer([1, 2, 3])),
                AtomProperty(name: "charge", values: .real([-0.8, 0.4, 0.4])),
                AtomProperty(name: "dipole", width: 3, values: .real([1, 2, 3, 4, 5, 6, 7, 8, 9])),
                AtomProperty(name: "label", values: .string(["a", "b", "c"])),
                AtomProperty(name: "fixed", width: 3, values: .logical([true, false, true, false, false, false, true, true, true])),
            ])
        let text = try ExtendedXYZ.text(for: [frame])
        #expect(text.contains("masses:R:1"))
        let read = try roundTrip([frame])
        expectSame(read[0], frame)
    }

    @Test func lennardJonesLabelsAreDummySpeciesOfMassOne() throws {
        let configuration = try Configuration(
            symbols: ["A", "Q", "A"], positions: [.zero, SIMD3(1, 0, 0), SIMD3(0, 1, 0)],
            cell: .orthorhombic(SIMD3(5, 5, 5)), units: .lennardJones)
        let read = try roundTrip([Frame(configuration: configuration)], units: .lennardJones)
        let c = read[0].configuration
        #expect(c.symbols == ["A", "Q", "A"])
        #expect(c.elements.allSatisfy { $0.isDummy && $0.mass == 1 })
        #expect(c.masses == [1, 1, 1])
        #expect(c.units == .lennardJones)
    }

    @Test func largeFrameReadsBackExactly() throws {
        let configuration = try Lattice.fcc.build(
            element: Element(symbol: "Ar"), latticeConstant: 5.26, cells: SIMD3(20, 20, 20))
        #expect(configuration.count == 32_000)
        var generator = SeededGenerator(seed: 7)
        let forces = (0..<configuration.count).map { _ in
            SIMD3(Double.random(in: -1...1, using: &generator), Double.random(in: -1...1, using: &generator), 0.5)
        }
        let frame = Frame(configuration: configuration, energy: -2400.5, forces: forces)
        let read = try roundTrip([frame])
        expectSame(read[0], frame)
    }
}
