import BasinAtoms
import BasinMath
import BasinPaths
import BasinPotentials

/// Small end points and networks shared by the least-action tests.
enum PathFixtures {
    /// A five-atom Lennard-Jones cluster (reduced units) and a perturbed copy, with velocities.
    static func clusterEnds(seed: UInt64 = 1) -> (Configuration, Configuration) {
        var generator = SeededGenerator(seed: seed)
        let base: [SIMD3<Double>] = [[0, 0, 0], [1.1, 0, 0], [0.55, 0.95, 0], [0.55, 0.32, 0.9], [-0.5, 0.9, 0.6]]
        let symbols = [String](repeating: "Ar", count: base.count)
        var start = try! Configuration(symbols: symbols, positions: base, units: .lennardJones)
        var end = start
        end.positions = base.map { $0 + 0.08 * generator.normal3() }
        start.velocities = base.map { _ in 0.3 * generator.normal3() }
        end.velocities = base.map { _ in 0.3 * generator.normal3() }
        return (start, end)
    }

    /// Eight copper atoms in a periodic cubic box (metal units, Å), near fcc sites, and a
    /// copy with each atom moved; one atom crosses the box face, so the end point needs the
    /// minimum image.
    static func periodicEnds(seed: UInt64 = 2) -> (Configuration, Configuration) {
        var generator = SeededGenerator(seed: seed)
        let a = 3.61
        let sites: [SIMD3<Double>] = [[0, 0, 0], [0.5, 0.5, 0], [0.5, 0, 0.5], [0, 0.5, 0.5]]
        var positions: [SIMD3<Double>] = []
        for cell in [SIMD3<Double>(0, 0, 0), [1, 0, 0]] {
            for s in sites { positions.append(a * (s + cell) + SIMD3(0.1, 0.1, 0.1) + 0.05 * generator.normal3()) }
        }
        let box = Cell.orthorhombic(SIMD3(2 * a, a, a))
        var start = try! Configuration(symbols: [String](repeating: "Cu", count: 8), positions: positions, cell: box, units: .metal)
        start.velocities = positions.map { _ in 2 * generator.normal3() }
        var end = start
        end.positions = positions.map { $0 + 0.06 * generator.normal3() }
        end.positions[0] = box.wrap(end.positions[0] - SIMD3(0.3, 0, 0))
        end.velocities = positions.map { _ in 2 * generator.normal3() }
        return (start, end)
    }

    static func lennardJones() -> LennardJones { try! LennardJones(epsilon: 1, sigma: 1, cutoff: nil) }

    /// Morse copper (Girifalco & Weizer's D₀, α, r₀) with a 6 Å cutoff, shifted.
    static func morse() -> Morse { try! Morse(d0: 0.3429, alpha: 1.3588, r0: 2.866, cutoff: 6, shift: true) }

    static func network(for problem: LeastActionProblem, hidden: Int = 4, activation: TimeActivation = .sigmoid, seed: UInt64 = 5) -> TrajectoryNetwork {
        var generator = SeededGenerator(seed: seed)
        return TrajectoryNetwork(
            hiddenCount: hidden, outputCount: 3 * problem.atomCount, duration: problem.duration, activation: activation,
            slope: 4, outputScale: 0.05, offset: problem.startPositions, generator: &generator)
    }
}
