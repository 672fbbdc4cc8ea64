import Foundation
import BasinAtoms
import BasinMath
import BasinPotentials
import BasinTestSupport
import Testing

@Suite struct ChargeDipoleTailTests {
    /// Vashishta's SiO2 charge–dipole terms (PublishedParameters.silicaVashishta1990) beyond 5.5 Å.
    static let silica = try! ChargeDipoleTail(elements: ["Si", "O"], terms: [
        ElementPair("Si", "O"): .init(d: 44.2357, lambda: 4.43, inner: 5.5, cutoff: 10),
        ElementPair("O", "O"): .init(d: 22.1179, lambda: 4.43, inner: 5.5, cutoff: 10),
    ])

    /// The same terms as a Vashishta file with every other parameter zero, force-shifted at `cutoff`.
    static func vashishta(cutoff: Double) throws -> Vashishta {
        var text = ""
        for (i, j, d) in [("Si", "Si", 0.0), ("Si", "O", 44.2357), ("O", "Si", 44.2357), ("O", "O", 22.1179)] {
            for k in ["Si", "O"] { text += "\(i) \(j) \(k) 0 1 0 0 1 \(d) 4.43 0 \(cutoff) 0 0 0 0 0\n" }
        }
        return try Vashishta(text: text, file: "charge-dipole")
    }

    /// LAMMPS `pair_style table spline 5000` reading the tail's table (Fixtures/ChargeDipoleTail/
    /// make_fixtures.py), 72 silica atoms at least 1.2 Å apart: energy, per-atom energies, forces
    /// and pressure to 3 × 10⁻⁶ — the spline's error where V″ jumps at r_m, 2 × 10⁻⁶ eV/Å at
    /// most on forces of up to 0.1 eV/Å.
    @Test func matchesLAMMPSTable() throws {
        let fixture = try VashishtaLAMMPSTests.load("tail", directory: "ChargeDipoleTail")
        try VashishtaLAMMPSTests.expectAgreement(fixture, potential: Self.silica, tolerance: 3e-6)
    }

    /// The tail is the term shifted at r_c minus the term shifted at r_m: Vashishta's two-body
    /// term with only D at the two cutoffs, subtracted, on a distorted cristobalite.
    @Test func isTheTermAtItsCutoffMinusTheTermAtTheInnerRadius() throws {
        let c = VashishtaSilica.displaced(try VashishtaSilica.cristobalite(cells: SIMD3(2, 2, 2)), amplitude: 0.15, seed: 5)
        let properties: Properties = [.energy, .forces, .virial, .perAtomEnergies]
        let tail = try Calculator(potential: Self.silica).evaluate(c, properties)
        let whole = try Calculator(potential: try Self.vashishta(cutoff: 10)).evaluate(c, properties)
        let short = try Calculator(potential: try Self.vashishta(cutoff: 5.5)).evaluate(c, properties)
        let scale = abs(whole.energy)
        #expect(abs(tail.energy) > 1)
        #expect(abs(tail.energy - (whole.energy - short.energy)) <= 1e-11 * scale)
        let forceScale = whole.forces.map { length($0) }.max()!
        for i in 0..<c.count {
            #expect(length(tail.forces[i] - (whole.forces[i] - short.forces[i])) <= 1e-11 * forceScale, "atom \(i)")
            #expect(abs(tail.perAtomEnergies[i] - (whole.perAtomEnergies[i] - short.perAtomEnergies[i])) <= 1e-11 * scale, "atom \(i)")
        }
    }

    /// V and V′ are continuous at r_m and vanish at r_c; below r_m V is linear.
    @Test func pairIsContinuousAndLinearInside() throws {
        let term = Self.silica.terms[ElementPair("Si", "O")]!
        let below = term.energyAndDerivative(at: 5.5.nextDown), above = term.energyAndDerivative(at: 5.5)
        #expect(abs(below.energy - above.energy) < 1e-15 && abs(below.derivative - above.derivative) < 1e-14)
        #expect(above.energy < -1e-3 && above.derivative > 1e-3)
        let end = term.energyAndDerivative(at: 10.nextDown)
        #expect(abs(end.energy) < 1e-15 && abs(end.derivative) < 1e-12)
        #expect(term.energyAndDerivative(at: 10) == (0, 0))
        let a = term.energyAndDerivative(at: 1), b = term.energyAndDerivative(at: 3)
        #expect(a.derivative == b.derivative && abs(b.energy - a.energy - 2 * a.derivative) < 1e-14)
        // A Si–Si pair has no term.
        let pair = try Configuration(symbols: ["Si", "Si"], positions: [.zero, SIMD3(6, 0, 0)])
        #expect(try Calculator(potential: Self.silica).evaluate(pair).energy == 0)
    }

    /// Forces against finite differences of the energy and the Hessian against finite
    /// differences of the forces, with pairs on both sides of r_m.
    @Test func forcesAndHessianAreDerivatives() throws {
        let near = try ChargeDipoleTail(elements: ["O", "Si"], terms: [ElementPair("Si", "O"): .init(d: 44.2357, lambda: 4.43, inner: 2.2, cutoff: 4)])
        let c = VashishtaSilica.displaced(try VashishtaSilica.cristobalite(cells: SIMD3(1, 1, 1)), amplitude: 0.15, seed: 9)
        for potential in [Self.silica, near] {
            let calculator = Calculator(potential: potential)
            let e = try calculator.evaluate(c, [.energy, .forces])
            #expect(e.forces.contains { length($0) > 1e-3 })
            #expect(FiniteDifferences.relativeError(e.forces, try FiniteDifferences.forces(calculator, c)) < 1e-6)
        }
        let cluster = try Configuration(symbols: ["Si", "O", "O", "Si", "O"], positions: [
            .zero, SIMD3(1.62, 0.1, 0), SIMD3(-0.5, 2.5, 0.2), SIMD3(3.0, 0.4, 0.3), SIMD3(1.4, -1.3, 1.1),
        ])
        let nearCalculator = Calculator(potential: near)
        let hessian = try #require(try nearCalculator.evaluate(cluster, [.hessian]).hessian)
        let numeric = try FiniteDifferences.hessian(nearCalculator, cluster)
        let scale = numeric.storage.map(abs).max()!
        #expect(scale > 0.01)
        #expect(zip(hessian.storage, numeric.storage).allSatisfy { abs($0 - $1) <= 1e-5 * scale })
    }

    /// The LAMMPS table: one section per pair, `N R` from r_c/N to r_c, rows of V and −V′.
    @Test func lammpsTableHoldsThePairValues() throws {
        let lines = Self.silica.lammpsTable.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let n = ChargeDipoleTail.lammpsTablePoints
        for (pair, keyword) in [(ElementPair("O", "O"), "O_O"), (ElementPair("O", "Si"), "O_Si")] {
            let start = try #require(lines.firstIndex(of: keyword))
            #expect(lines[start + 1] == "N \(n) R \(10.0 / Double(n)) 10.0")
            let term = Self.silica.terms[pair]!
            for row in [1, 2750, n] {
                let words = lines[start + 2 + row].split(separator: " ").compactMap { Double($0) }
                let v = term.energyAndDerivative(at: words[1])
                #expect(words[0] == Double(row) && words[2] == v.energy && words[3] == -v.derivative)
            }
        }
        #expect(!lines.contains("Si_Si"))
    }

    @Test func rejectsBadTerms() throws {
        #expect(throws: PotentialError.self) { try ChargeDipoleTail(elements: ["O"], terms: [:]) }
        let term = ChargeDipoleTail.Term(d: 1, lambda: 4, inner: 5, cutoff: 10)
        #expect(throws: PotentialError.self) { try ChargeDipoleTail(elements: ["O"], terms: [ElementPair("O", "Si"): term]) }
        for bad in [ChargeDipoleTail.Term(d: -1, lambda: 4, inner: 5, cutoff: 10), .init(d: 1, lambda: .nan, inner: 5, cutoff: 10),
                    .init(d: 1, lambda: 4, inner: 0, cutoff: 10), .init(d: 1, lambda: 4, inner: 10, cutoff: 10)] {
            #expect(throws: PotentialError.self) { try ChargeDipoleTail(elements: ["O"], terms: [ElementPair("O", "O"): bad]) }
        }
    }
}
