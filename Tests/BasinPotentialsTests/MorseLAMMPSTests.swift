import BasinPotentials
import Testing

/// Agreement with LAMMPS `pair_style morse` with `pair_modify shift yes` on the perturbed
/// copper crystal of `Fixtures/Morse/make_fixtures.py`.
@Suite struct MorseLAMMPSTests {
    @Test func matchesLAMMPS() throws {
        let fixture = try VashishtaLAMMPSTests.load("copper", directory: "Morse")
        try VashishtaLAMMPSTests.expectAgreement(fixture, potential: try Morse(d0: 0.3429, alpha: 1.3588, r0: 2.866, cutoff: 6, shift: true))
    }
}
