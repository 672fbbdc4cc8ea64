import BasinPotentials
import Testing

/// Agreement with LAMMPS `pair_style morse` with `pair_modify shift yes` on the five copper
/// configurations of `Fixtures/Morse/make_fixtures.py`.
@Suite struct MorseLAMMPSTests {
    @Test(arguments: ["perfect", "thermal", "liquid", "single_cell", "slab"])
    func matchesLAMMPS(configuration: String) throws {
        let fixture = try VashishtaLAMMPSTests.load(configuration, directory: "Morse")
        try VashishtaLAMMPSTests.expectAgreement(fixture, potential: try Morse(d0: 0.3429, alpha: 1.3588, r0: 2.866, cutoff: 6, shift: true))
    }
}
