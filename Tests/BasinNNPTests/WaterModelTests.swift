import BasinAtoms
import BasinNNP
import BasinPotentials
import Foundation
import Testing

/// n2p2's H2O RPBE-D3 potential on the 1080-atom water box against n2p2's own prediction
/// (test/cpp/ExamplePrediction.h, structure examples/nnp-predict/H2O_RPBE-D3).
@Suite struct WaterModelTests {
    @Test func energyAndForcesMatchN2P2() throws {
        // cfenergy 1: energies stay in Hartree; lengths in Å, so forces come in Ha/Å.
        let potential = NeuralNetworkPotential(
            model: try WaterModel.model(), units: .metal, lengthFactor: WaterModel.bohrPerAngstrom, energyFactor: 1)
        let c = try WaterModel.configuration()
        let one = try Calculator(potential: potential, skin: 0).evaluate(c, [.energy, .forces])
        #expect(abs(one.energy - WaterModel.referenceEnergy) <= 1e-12 * abs(WaterModel.referenceEnergy), "\(one.energy)")
        let reference = try WaterModel.referenceForces()
        try #require(reference.count == c.count)
        let scale = reference.map { max(abs($0.x), abs($0.y), abs($0.z)) }.max()!
        var worst = 0.0
        for (f, r) in zip(one.forces, reference) {
            let d = f / WaterModel.bohrPerAngstrom - r
            worst = max(worst, abs(d.x), abs(d.y), abs(d.z))
        }
        #expect(worst <= 1e-10 * scale, "largest force difference \(worst) Ha/Bohr")
        // Two threads give the same numbers but for the order of sums.
        let two = try Calculator(potential: potential, skin: 0, threads: 2).evaluate(c, [.energy, .forces])
        #expect(two.energy == one.energy)
        let spread = zip(two.forces, one.forces).map { d in let e = d.0 - d.1; return max(abs(e.x), abs(e.y), abs(e.z)) }.max()!
        #expect(spread <= 1e-13 * scale * WaterModel.bohrPerAngstrom, "\(spread)")
    }
}
