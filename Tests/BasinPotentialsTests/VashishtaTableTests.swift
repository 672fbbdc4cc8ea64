import BasinAtoms
import BasinPotentials
import Testing

/// The tabulated two-body term (LAMMPS `pair_style vashishta/table`).
@Suite struct VashishtaTableTests {
    static let lammpsExamples = Vashishta.Tabulation(points: 100_000, inner: 0.2)

    /// Energy, per-atom energies, forces and pressure as LAMMPS `vashishta/table 100000 0.2`
    /// computes them, which differ from the analytic form by a few parts in 10⁷.
    @Test func matchesLAMMPSTable() throws {
        let potential = try VashishtaSilica.potential().tabulated(Self.lammpsExamples)
        try VashishtaLAMMPSTests.expectAgreement(try VashishtaLAMMPSTests.load("liquid_table"), potential: potential)
    }

    /// With few points the table departs visibly from the analytic form; with LAMMPS's usual
    /// 100,000 it stays within its interpolation error.
    @Test func approachesTheAnalyticForm() throws {
        let configuration = try VashishtaLAMMPSTests.load("liquid").configuration
        let exact = try Calculator(potential: try VashishtaSilica.potential()).evaluate(configuration)
        func deviation(points: Int) throws -> Double {
            let table = try VashishtaSilica.potential().tabulated(Vashishta.Tabulation(points: points, inner: 0.2))
            let e = try Calculator(potential: table).evaluate(configuration)
            return abs(e.energy - exact.energy) / abs(exact.energy)
        }
        let coarse = try deviation(points: 1000), fine = try deviation(points: 100_000)
        #expect(fine < 1e-6)
        #expect(coarse > 100 * fine)
    }

    @Test(arguments: [(1, 0.2), (100, 0), (100, -1), (100, 20), (100_000_000, 0.2)])
    func rejectsImpossibleTables(points: Int, inner: Double) throws {
        #expect(throws: PotentialError.self) {
            try VashishtaSilica.potential().tabulated(Vashishta.Tabulation(points: points, inner: inner))
        }
    }
}
