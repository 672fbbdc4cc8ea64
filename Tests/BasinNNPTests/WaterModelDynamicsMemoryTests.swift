import BasinAtoms
import BasinDynamics
import BasinNNP
import BasinPotentials
import Foundation
import Testing

/// An NVE run with the water model touches no new memory once its first steps have sized every
/// buffer: the page faults of the running thread (`RUSAGE_THREAD`, so that tests running
/// alongside do not count) over 50 steps after a warm-up stay near zero and do not grow with
/// the number of steps. A buffer allocated afresh at each step would show as faults on every
/// step once the allocator hands memory back (large blocks are mapped and unmapped per use).
@Suite struct WaterModelDynamicsMemoryTests {
    /// The water molecules within 4 Å of the box's first atom, as a cluster (no periodic
    /// direction), so that a step is cheap in a debug build.
    static func cluster() throws -> Configuration {
        let box = try WaterModel.configuration()
        let lengths = SIMD3(box.cell.vectors[0, 0], box.cell.vectors[1, 1], box.cell.vectors[2, 2])
        let origin = box.positions[0]
        var positions: [SIMD3<Double>] = [], species: [Int] = []
        for (x, s) in zip(box.positions, box.species) {
            var d = x - origin
            d -= lengths * (d / lengths).rounded(.toNearestOrAwayFromZero)
            guard (d * d).sum() < 16 else { continue }
            positions.append(d)
            species.append(s)
        }
        return Configuration(
            positions: positions, species: species, elements: box.elements, cell: .open, units: .metal)
    }

    static func threadPageFaults() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(1), &usage)  // RUSAGE_THREAD, which Glibc does not export to Swift
        return usage.ru_minflt
    }

    @Test func stepsAfterTheFirstTouchNoNewMemory() throws {
        let potential = NeuralNetworkPotential(
            model: try WaterModel.model(), units: .metal, lengthFactor: WaterModel.bohrPerAngstrom,
            energyFactor: WaterModel.hartreePerElectronVolt)
        let configuration = try Self.cluster()
        #expect(configuration.count > 10)
        let simulation = try Simulation(
            configuration: configuration, calculator: Calculator(potential: potential, skin: 1, threads: 1),
            integrator: try VelocityVerlet(timeStep: 0.0002))
        try simulation.run(steps: 10)
        var faults: [Int] = []
        for _ in 0..<2 {
            let before = Self.threadPageFaults()
            try simulation.run(steps: 50)
            faults.append(Self.threadPageFaults() - before)
        }
        #expect(faults.allSatisfy { $0 <= 8 }, "page faults per 50 steps: \(faults)")
    }
}
