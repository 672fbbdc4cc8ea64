import BasinAtoms
import BasinDescriptors
import BasinMath
import BasinNN
import BasinNNP
import BasinPotentials
import Foundation
import BasinTestSupport
import Testing

/// Forces and virial of the neural-network potential against finite differences of its energy.
@Suite struct PotentialDerivativeTests {
    static func calculator(_ model: NNPModel, lengthFactor: Double = 1, energyFactor: Double = 1, threads: Int = 1) -> Calculator {
        Calculator(
            potential: NeuralNetworkPotential(model: model, units: .metal, lengthFactor: lengthFactor, energyFactor: energyFactor),
            skin: 0.5, threads: threads)
    }

    static func forceError(_ calculator: Calculator, _ c: Configuration) throws -> Double {
        let analytic = try calculator.evaluate(c, .forces).forces
        let numeric = try FiniteDifferences.forces(calculator, c, step: 1e-5)
        var worst = 0.0, scale = 0.0
        for (n, a) in zip(numeric, analytic) {
            for k in 0..<3 {
                worst = max(worst, abs(n[k] - a[k]))
                scale = max(scale, abs(n[k]))
            }
        }
        return worst / scale
    }

    @Test(arguments: [true, false])
    func forcesAreMinusTheEnergyGradient(periodic: Bool) throws {
        let c = SyntheticModel.structure(periodic: periodic)
        #expect(try Self.forceError(Self.calculator(SyntheticModel.make()), c) < 1e-7)
        // Unit conversion as LAMMPS's cflength/cfenergy.
        #expect(try Self.forceError(Self.calculator(SyntheticModel.make(), lengthFactor: 1.3, energyFactor: 0.2), c) < 1e-7)
    }

    @Test(arguments: [ScalingMode.none, .scale, .center, .scaleCenter, .sigma])
    func everyScalingMode(_ mode: ScalingMode) throws {
        let model = SyntheticModel.make(scaling: mode, normalized: mode != .none)
        #expect(try Self.forceError(Self.calculator(model), SyntheticModel.structure(periodic: true)) < 1e-7)
    }

    @Test(arguments: CutoffKind.allCases)
    func everyCutoffType(_ kind: CutoffKind) throws {
        // The hard cutoff has no derivative at r_c; its radius stays clear of every distance.
        let model = SyntheticModel.make(cutoff: kind, alpha: kind.usesInnerRadius ? 0.2 : 0, radius: kind == .hard ? 2.95 : 3.2)
        #expect(try Self.forceError(Self.calculator(model), SyntheticModel.structure(periodic: false, seed: 5)) < 1e-7)
    }

    @Test(arguments: [Activation.logistic, .gaussian, .cos, .reverseLogistic, .exp, .harmonic])
    func everySmoothActivation(_ activation: Activation) throws {
        let model = SyntheticModel.make(activations: [activation, activation, .identity])
        #expect(try Self.forceError(Self.calculator(model), SyntheticModel.structure(periodic: true, seed: 11)) < 1e-7)
    }

    @Test func virialIsTheStrainDerivative() throws {
        let calculator = Self.calculator(SyntheticModel.make())
        let c = SyntheticModel.structure(periodic: true)
        let w = try calculator.evaluate(c, .virial).virial
        let numeric = try FiniteDifferences.virial(calculator, c, step: 1e-6)
        for a in 0..<3 {
            for b in 0..<3 {
                #expect(abs(numeric[a, b] - w[a, b]) < 1e-6 * max(1, abs(numeric[a, b])), "W[\(a),\(b)]")
            }
        }
    }

    @Test func perAtomEnergiesSumToTheTotalAndIncludeTheOffsets() throws {
        let model = SyntheticModel.make()
        let c = SyntheticModel.structure(periodic: true)
        let e = try Self.calculator(model).evaluate(c, [.energy, .perAtomEnergies])
        #expect(abs(e.perAtomEnergies.reduce(0, +) - e.energy) < 1e-12 * abs(e.energy))
        // An isolated atom sees no neighbors: its energy is the network at G = 0 plus the offsets.
        let lone = Configuration(positions: [.zero], species: [0], elements: [SyntheticModel.oxygen], units: .metal)
        let single = try Self.calculator(model).evaluate(lone, .energy).energy
        let network = model.networks[1]
        let n = model.settings.normalization!
        let s = model.statistics[1].map { -1 + 2 * (0 - $0.mean) / ($0.maximum - $0.minimum) }
        let expected = network.evaluate(inputs: s, workspace: .init(for: network))[0] / n.convEnergy + n.meanEnergy - 0.4
        #expect(abs(single - expected) < 1e-12 * abs(expected))
    }

    @Test func invariantUnderTranslationRotationAndPermutation() throws {
        let calculator = Self.calculator(SyntheticModel.make())
        let c = SyntheticModel.structure(periodic: false)
        let e0 = try calculator.evaluate(c, .energy).energy
        var moved = c
        let angle = 0.7, axis = SIMD3(1.0, 2.0, -0.5) / SyntheticModel.length(SIMD3(1.0, 2.0, -0.5))
        moved.positions = c.positions.map { x in
            // Rodrigues' rotation, then a shift.
            let r = x * cos(angle) + cross(axis, x) * sin(angle) + axis * (axis * x).sum() * (1 - cos(angle))
            return r + SIMD3(3.3, -1.2, 0.4)
        }
        #expect(abs(try calculator.evaluate(moved, .energy).energy - e0) < 1e-12 * abs(e0))
        var swapped = c
        swapped.positions.swapAt(0, 1)  // two hydrogens
        swapped.positions.swapAt(2, 4)  // two oxygens
        #expect(abs(try calculator.evaluate(swapped, .energy).energy - e0) < 1e-12 * abs(e0))
    }

    @Test func supercellGivesTheSameAtomEnergies() throws {
        let calculator = Self.calculator(SyntheticModel.make())
        let c = SyntheticModel.structure(periodic: true)
        let e = try calculator.evaluate(c, [.energy, .perAtomEnergies]).perAtomEnergies
        var big = c
        let v = c.cell.vectors
        big.cell.vectors = Matrix3(rows: 2 * v[0], v[1], 3 * v[2])
        big.positions = []
        big.species = []
        for a in 0..<2 {
            for b in 0..<3 {
                big.positions += c.positions.map { $0 + Double(a) * v[0] + Double(b) * v[2] }
                big.species += c.species
            }
        }
        big.masses = big.species.map { c.elements[$0].mass }
        let eBig = try calculator.evaluate(big, [.energy, .perAtomEnergies]).perAtomEnergies
        for (k, value) in eBig.enumerated() { #expect(abs(value - e[k % c.count]) < 1e-11 * abs(e[k % c.count])) }
    }

    @Test func twoThreadsMatchOne() throws {
        // Large enough that every stage splits: 16 × 8 atoms.
        var c = SyntheticModel.structure(periodic: true)
        let v = c.cell.vectors
        let base = c
        c.cell.vectors = Matrix3(rows: 4 * v[0], 2 * v[1], 2 * v[2])
        c.positions = []
        c.species = []
        for a in 0..<4 { for b in 0..<2 { for d in 0..<2 {
            c.positions += base.positions.map { $0 + Double(a) * v[0] + Double(b) * v[1] + Double(d) * v[2] }
            c.species += base.species
        } } }
        c.masses = c.species.map { base.elements[$0].mass }
        let model = SyntheticModel.make()
        let one = try Self.calculator(model, threads: 1).evaluate(c, [.energy, .forces, .virial, .perAtomEnergies])
        let two = try Self.calculator(model, threads: 2).evaluate(c, [.energy, .forces, .virial, .perAtomEnergies])
        #expect(one.energy == two.energy)
        #expect(one.perAtomEnergies == two.perAtomEnergies)
        // Each thread sums its own forces: the same numbers but for the order of the sums.
        let scale = one.forces.map { max(abs($0.x), abs($0.y), abs($0.z)) }.max()!
        for (f, g) in zip(one.forces, two.forces) {
            let d = f - g
            #expect(max(abs(d.x), abs(d.y), abs(d.z)) <= 1e-12 * scale)
        }
        for a in 0..<3 { for b in 0..<3 { #expect(abs(one.virial[a, b] - two.virial[a, b]) <= 1e-14 * max(1, abs(one.virial[a, b]))) } }
    }
}

private func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
    SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}
