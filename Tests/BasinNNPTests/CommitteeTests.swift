import BasinAtoms
import BasinMath
import BasinNN
import BasinNNP
import BasinPotentials
import BasinTestSupport
import Testing

/// The committee's mean and spread against its members evaluated one by one.
@Suite struct CommitteeTests {
    static let members = (7...10).map { SyntheticModel.make(seed: UInt64($0)) }

    static func calculator(_ potential: any Potential, threads: Int = 1) -> Calculator {
        Calculator(potential: potential, skin: 0.5, threads: threads)
    }

    @Test(arguments: [true, false])
    func meanForcesAreMinusTheGradientOfTheMeanEnergy(periodic: Bool) throws {
        let committee = try NNPCommittee(members: Self.members, units: .metal, lengthFactor: 1.3, energyFactor: 0.2)
        let calculator = Self.calculator(committee)
        let c = SyntheticModel.structure(periodic: periodic)
        let analytic = try calculator.evaluate(c, .forces).forces
        let numeric = try FiniteDifferences.forces(calculator, c, step: 1e-5)
        #expect(FiniteDifferences.relativeError(numeric, analytic) < 1e-7)
        if periodic {
            let w = try calculator.evaluate(c, .virial).virial
            let numericVirial = try FiniteDifferences.virial(calculator, c, step: 1e-6)
            for a in 0..<3 { for b in 0..<3 { #expect(abs(numericVirial[a, b] - w[a, b]) < 1e-6 * max(1, abs(numericVirial[a, b]))) } }
        }
    }

    @Test(arguments: [1, 2])
    func deviationsEqualTheMembersSpreadByHand(threads: Int) throws {
        let c = SyntheticModel.structure(periodic: true, seed: 5)
        let committee = try NNPCommittee(members: Self.members, units: .metal)
        let result = try Self.calculator(committee, threads: threads).evaluate(c, [.energy, .forces, .virial, .perAtomEnergies])
        let singles = try Self.members.map {
            try Self.calculator(NeuralNetworkPotential(model: $0, units: .metal)).evaluate(c, [.energy, .forces, .virial, .perAtomEnergies])
        }
        let m = Double(singles.count), n = c.count
        let meanEnergy = singles.map(\.energy).reduce(0, +) / m
        let meanForces = (0..<n).map { i in singles.reduce(SIMD3<Double>.zero) { $0 + $1.forces[i] } / m }
        let sigma = (0..<n).map { i in
            (singles.reduce(0.0) { sum, s in
                let d = s.forces[i] - meanForces[i]
                return sum + d.x * d.x + d.y * d.y + d.z * d.z
            } / m).squareRoot()
        }
        let energySpread = (singles.reduce(0.0) { $0 + ($1.energy - meanEnergy) * ($1.energy - meanEnergy) } / m).squareRoot() / Double(n)
        #expect(abs(result.energy - meanEnergy) < 1e-12 * abs(meanEnergy))
        #expect(FiniteDifferences.relativeError(result.forces, meanForces) < 1e-12)
        for i in 0..<n {
            #expect(abs(result.perAtomEnergies[i] - singles.reduce(0) { $0 + $1.perAtomEnergies[i] } / m) < 1e-12)
        }
        let meanVirial = (1 / m) * singles.reduce(Matrix3.zero) { $0 + $1.virial }
        for a in 0..<3 { for b in 0..<3 { #expect(abs(result.virial[a, b] - meanVirial[a, b]) < 1e-12 * max(1, abs(meanVirial[a, b]))) } }

        let record = try #require(committee.deviations.last)
        #expect(sigma.allSatisfy { $0 > 1e-6 }, "the members disagree")
        for i in 0..<n { #expect(abs(record.forceDeviations[i] - sigma[i]) < 1e-10 * sigma[i]) }
        #expect(abs(record.energyDeviationPerAtom - energySpread) < 1e-10 * energySpread)
        // The committee's forces come from stored derivatives, the members' from contracted
        // ones: the same sums in another order, equal to rounding.
        let largest = try #require(sigma.max()), reported = try #require(record.maximumForceDeviation)
        #expect(abs(reported - largest) < 1e-10 * largest)
        #expect(record.atom == sigma.indices.max { sigma[$0] < sigma[$1] })
    }

    @Test func membersMayDifferInArchitecture() throws {
        var wider = SyntheticModel.make(seed: 21)
        var generator = SeededGenerator(seed: 4)
        wider.settings.architectures = wider.settings.architectures.map { _ in NetworkArchitecture(hiddenLayers: [7], activations: [.tanh, .identity]) }
        wider.networks = wider.settings.architectures.enumerated().map { e, architecture in
            var network = architecture.network(inputCount: wider.settings.symmetryFunctions[e].functions.count, normalizesNodes: true)
            network.parameters = network.parameters.map { _ in generator.normal() * 0.7 }
            return network
        }
        let committee = try NNPCommittee(members: [Self.members[0], wider], units: .metal)
        let calculator = Self.calculator(committee)
        let c = SyntheticModel.structure(periodic: true, seed: 9)
        let numeric = try FiniteDifferences.forces(calculator, c, step: 1e-5)
        #expect(FiniteDifferences.relativeError(numeric, try calculator.evaluate(c, .forces).forces) < 1e-7)
        let alone = try Self.calculator(NeuralNetworkPotential(model: wider, units: .metal)).evaluate(c).energy
        let first = try Self.calculator(NeuralNetworkPotential(model: Self.members[0], units: .metal)).evaluate(c).energy
        #expect(abs(try calculator.evaluate(c, .energy).energy - (alone + first) / 2) < 1e-12 * abs(alone + first))
    }

    @Test func oneMemberIsThatMember() throws {
        let c = SyntheticModel.structure(periodic: true)
        let alone = try Self.calculator(NeuralNetworkPotential(model: Self.members[0], units: .metal)).evaluate(c)
        let committee = try NNPCommittee(members: [Self.members[0]], units: .metal)
        let result = try Self.calculator(committee).evaluate(c)
        #expect(result.energy == alone.energy)
        // The committee contracts stored derivatives; the single model forms them per pair and
        // contracts at once: the same sums in another order.
        let scale = alone.forces.map { max(abs($0.x), abs($0.y), abs($0.z)) }.max()!
        for (f, g) in zip(result.forces, alone.forces) {
            let d = f - g
            #expect(max(abs(d.x), abs(d.y), abs(d.z)) <= 1e-12 * scale)
        }
        #expect(committee.deviations.last?.maximumForceDeviation == 0)
    }

    @Test func membersMustShareTheirSymmetryFunctions() {
        var other = Self.members[1]
        other.settings.symmetryFunctions.reverse()
        #expect(throws: PotentialError.self) { try NNPCommittee(members: [Self.members[0], other], units: .metal) }
        #expect(throws: PotentialError.self) { try NNPCommittee(members: [], units: .metal) }
    }
}
