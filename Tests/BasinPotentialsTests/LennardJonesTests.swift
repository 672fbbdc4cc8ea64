import Foundation
import BasinAtoms
import BasinMath
import BasinPotentials
import BasinTestSupport
import Testing

@Suite struct LennardJonesTests {
    static func perturbed(_ c: Configuration, amplitude: Double, seed: UInt64) -> Configuration {
        var g = SeededGenerator(seed: seed)
        var out = c
        for i in 0..<c.count { out.positions[i] += amplitude * g.normal3() }
        return out
    }

    static func fccLiquidLike(cells: Int = 3, seed: UInt64 = 1) throws -> Configuration {
        let a = Lattice.fcc.latticeConstant(density: 0.8442)
        return perturbed(try Lattice.fcc.build(element: .dummy(), latticeConstant: a, cells: SIMD3(cells, cells, cells), units: .lennardJones), amplitude: 0.08, seed: seed)
    }

    static func cluster(count: Int, seed: UInt64) throws -> Configuration {
        var g = SeededGenerator(seed: seed)
        return try RandomStructures.cluster(count: count, radius: 1.6, minimumDistance: 0.95, generator: &g)
    }

    static func triclinic() throws -> Configuration {
        var c = try fccLiquidLike(cells: 3, seed: 2)
        let shear = Matrix3(rows: SIMD3(1, 0.21, -0.13), SIMD3(0, 1, 0.17), SIMD3(0, 0, 1))
        c.positions = c.positions.map { shear * $0 }
        c.cell.vectors = Matrix3(rows: shear * c.cell.vectors[0], shear * c.cell.vectors[1], shear * c.cell.vectors[2])
        return c
    }

    @Test func dimerAtTheMinimumHasEnergyMinusEpsilonAndNoForce() throws {
        let lj = try LennardJones(epsilon: 1.7, sigma: 1.3, cutoff: nil)
        let r = pow(2.0, 1.0 / 6.0) * 1.3
        let c = Configuration(positions: [.zero, SIMD3(r, 0, 0)], species: [0, 0], elements: [.dummy()], units: .lennardJones)
        let e = try Calculator(potential: lj).evaluate(c)
        #expect(abs(e.energy + 1.7) < 1e-12)
        #expect(e.maximumForce < 1e-12)
    }

    @Test(arguments: ["cluster", "orthorhombic", "triclinic", "tiny"])
    func forcesAreMinusTheEnergyGradient(system: String) throws {
        let (c, lj): (Configuration, LennardJones)
        switch system {
        case "cluster": (c, lj) = (try Self.cluster(count: 20, seed: 3), try LennardJones(cutoff: nil))
        case "orthorhombic": (c, lj) = (try Self.fccLiquidLike(), try LennardJones(cutoff: 2.5, shift: true))
        case "triclinic": (c, lj) = (try Self.triclinic(), try LennardJones(cutoff: 2.5))
        default:
            // A cell narrower than twice the cutoff: each atom sees several images of each neighbor.
            (c, lj) = (try Self.fccLiquidLike(cells: 1, seed: 4), try LennardJones(cutoff: 2.5))
        }
        let calculator = Calculator(potential: lj, skin: 0.3)
        let analytic = try calculator.evaluate(c).forces
        let numeric = try FiniteDifferences.forces(calculator, c)
        #expect(FiniteDifferences.relativeError(analytic, numeric) < 1e-6)
    }

    @Test func twoSpeciesWithMixingAndAnOverride() throws {
        var c = try Self.fccLiquidLike(cells: 2, seed: 5)
        c.elements = [.dummy("A"), .dummy("B")]
        c.species = (0..<c.count).map { $0 % 3 == 0 ? 1 : 0 }
        let lj = try LennardJones(
            species: [.init(epsilon: 1, sigma: 1), .init(epsilon: 0.5, sigma: 0.88)],
            pairs: [SpeciesPair(1, 1): .init(epsilon: 0.3, sigma: 0.8, cutoff: 2.0)], cutoff: 2.5, shift: true)
        #expect(abs(lj.parameters(0, 1).epsilon - 0.5.squareRoot()) < 1e-15)
        #expect(lj.parameters(1, 0).sigma == 0.94)
        #expect(lj.parameters(1, 1).cutoff == 2.0)
        let calculator = Calculator(potential: lj)
        let analytic = try calculator.evaluate(c).forces
        #expect(FiniteDifferences.relativeError(analytic, try FiniteDifferences.forces(calculator, c)) < 1e-6)
    }

    @Test(arguments: ["cluster", "periodic"])
    func hessianMatchesFiniteDifferencesOfForces(system: String) throws {
        let c = system == "cluster" ? try Self.cluster(count: 8, seed: 6) : try Self.fccLiquidLike(cells: 1, seed: 7)
        let calculator = Calculator(potential: try LennardJones(cutoff: system == "cluster" ? nil : 2.5))
        let analytic = try #require(try calculator.evaluate(c, [.hessian]).hessian)
        let numeric = try FiniteDifferences.hessian(calculator, c)
        var worst = 0.0, scale = 0.0
        for (a, b) in zip(analytic.storage, numeric.storage) {
            worst = max(worst, abs(a - b))
            scale = max(scale, abs(b))
        }
        #expect(worst / scale < 1e-6)
        #expect(analytic.asymmetry < 1e-12 * scale)
    }

    @Test(arguments: ["orthorhombic", "triclinic"])
    func virialIsTheStrainDerivativeOfTheEnergy(system: String) throws {
        let c = system == "triclinic" ? try Self.triclinic() : try Self.fccLiquidLike()
        let calculator = Calculator(potential: try LennardJones(cutoff: 2.5, shift: true))
        let analytic = try calculator.evaluate(c, [.energy, .virial]).virial
        let numeric = try FiniteDifferences.virial(calculator, c)
        #expect((analytic - numeric).maxMagnitude < 1e-6 * numeric.maxMagnitude)
    }

    @Test func perAtomEnergiesSumToTheTotal() throws {
        let c = try Self.fccLiquidLike(cells: 2)
        let e = try Calculator(potential: try LennardJones(cutoff: 2.5, shift: true)).evaluate(c, [.energy, .perAtomEnergies])
        #expect(e.perAtomEnergies.count == c.count)
        #expect(abs(e.perAtomEnergies.reduce(0, +) - e.energy) < 1e-10 * abs(e.energy))
    }

    @Test func energyIsInvariantUnderTranslationRotationAndPermutation() throws {
        let c = try Self.cluster(count: 15, seed: 8)
        let calculator = Calculator(potential: try LennardJones(cutoff: nil))
        let e0 = try calculator.evaluate(c, .energy).energy
        var moved = c
        let rotation = Matrix3.rotation(axis: SIMD3(0.3, -1, 0.4), angle: 1.1)
        moved.positions = c.positions.map { rotation * $0 + SIMD3(3.1, -2, 7) }
        #expect(abs(try calculator.evaluate(moved, .energy).energy - e0) < 1e-12 * abs(e0))
        var permuted = c
        permuted.positions.reverse()
        #expect(abs(try calculator.evaluate(permuted, .energy).energy - e0) < 1e-12 * abs(e0))
        // Periodic: translating every atom, even out of the cell, changes nothing.
        let p = try Self.triclinic()
        let periodic = Calculator(potential: try LennardJones(cutoff: 2.5))
        let ep = try periodic.evaluate(p, .energy).energy
        var shifted = p
        shifted.positions = p.positions.map { $0 + SIMD3(13.7, -5.2, 0.9) }
        #expect(abs(try Calculator(potential: try LennardJones(cutoff: 2.5)).evaluate(shifted, .energy).energy - ep) < 1e-11 * abs(ep))
    }

    @Test func smallPeriodicCellEqualsItsReplica() throws {
        // A 4-atom fcc cell (narrower than 2 × cutoff) and its 3×3×3 replica have the same
        // energy per atom: the small cell's neighbor list must count every image.
        let a = Lattice.fcc.latticeConstant(density: 0.9)
        let small = try Lattice.fcc.build(element: .dummy(), latticeConstant: a, cells: SIMD3(1, 1, 1), units: .lennardJones)
        let large = try Lattice.fcc.build(element: .dummy(), latticeConstant: a, cells: SIMD3(3, 3, 3), units: .lennardJones)
        let lj = try LennardJones(cutoff: 2.5, shift: true)
        let es = try Calculator(potential: lj).evaluate(small, [.energy, .virial])
        let el = try Calculator(potential: lj).evaluate(large, [.energy, .virial])
        #expect(abs(es.energy / 4 - el.energy / Double(large.count)) < 1e-12)
        #expect(abs(es.virial.trace / 4 - el.virial.trace / Double(large.count)) < 1e-11)
    }

    @Test func shiftMakesTheEnergyVanishAtTheCutoff() throws {
        let lj = try LennardJones(cutoff: 2.5, shift: true)
        let c = Configuration(positions: [.zero, SIMD3(2.5 - 1e-9, 0, 0)], species: [0, 0], elements: [.dummy()], units: .lennardJones)
        #expect(abs(try Calculator(potential: lj).evaluate(c, .energy).energy) < 1e-9)
    }

    @Test func threadsGiveTheSameResults() throws {
        let c = try Self.fccLiquidLike(cells: 4)
        let lj = try LennardJones(cutoff: 2.5, shift: true)
        let one = try Calculator(potential: lj, threads: 1).evaluate(c, [.energy, .forces, .virial, .perAtomEnergies])
        let two = try Calculator(potential: lj, threads: 2).evaluate(c, [.energy, .forces, .virial, .perAtomEnergies])
        #expect(abs(one.energy - two.energy) < 1e-10)
        #expect(FiniteDifferences.relativeError(two.forces, one.forces) < 1e-12)
        #expect((one.virial - two.virial).maxMagnitude < 1e-9)
    }

    @Test(arguments: ["periodic", "triclinic"])
    func sortedSitesGiveTheResultsOfTheAtomOrder(system: String) throws {
        let c = system == "periodic" ? try Self.fccLiquidLike(cells: 4) : try Self.triclinic()
        let lj = try LennardJones(cutoff: 2.5, shift: true)
        let all: Properties = [.energy, .forces, .virial, .perAtomEnergies, .hessian]
        let calculator = Calculator(potential: lj)
        #expect(calculator.neighbors.sortsAtoms)
        let sorted = try calculator.evaluate(c, all)
        #expect(calculator.neighbors.owners[0..<c.count].elementsEqual(0..<Int32(c.count)) == false)
        let plainList = NeighborList(cutoff: 2.5, skin: 0.3, kind: .half)
        try plainList.build(for: c)
        var plain = Evaluation()
        lj.evaluate(c, neighbors: plainList, properties: all, into: &plain, workspace: Workspace())
        #expect(abs(sorted.energy - plain.energy) <= 1e-12 * abs(plain.energy))
        #expect(FiniteDifferences.relativeError(sorted.forces, plain.forces) < 1e-12)
        #expect((sorted.virial - plain.virial).maxMagnitude <= 1e-12 * plain.virial.maxMagnitude)
        #expect(zip(sorted.perAtomEnergies, plain.perAtomEnergies).allSatisfy { abs($0 - $1) < 1e-12 })
        let h = try #require(sorted.hessian), reference = try #require(plain.hessian)
        #expect(zip(h.storage, reference.storage).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    @Test func badRequestsAreRejected() throws {
        let lj = try LennardJones(cutoff: 2.5)
        let metal = try Configuration(symbols: ["Ar", "Ar"], positions: [.zero, SIMD3(3, 0, 0)])
        #expect(throws: PotentialError.unitMismatch(configuration: "metal", potential: "lj")) {
            try Calculator(potential: lj).evaluate(metal)
        }
        #expect(throws: PotentialError.self) { try LennardJones(epsilon: 1, sigma: -1) }
        #expect(throws: PotentialError.self) { try LennardJones(cutoff: 0) }
        var twoSpecies = try Self.fccLiquidLike(cells: 1)
        twoSpecies.elements.append(.dummy("B"))
        twoSpecies.species[0] = 1
        #expect(throws: PotentialError.self) { try Calculator(potential: lj).evaluate(twoSpecies) }
        let periodic = try Self.fccLiquidLike(cells: 1)
        #expect(throws: PotentialError.self) { try Calculator(potential: try LennardJones(cutoff: nil)).evaluate(periodic) }
    }
}
