import BasinAtoms
import BasinMath
import BasinPotentials
import BasinTestSupport
import Testing

/// Checks shared by the potentials' tests.
enum SymmetryChecks {
    /// Rigid translation and rotation leave the energy of `c` alone and turn the forces with the
    /// atoms; relabelling the atoms permutes the forces.
    static func expectInvariance(_ potential: any Potential, _ c: Configuration) throws {
        let e = try Calculator(potential: potential).evaluate(c)
        let rotation = Matrix3(rows: SIMD3(0, -1, 0), SIMD3(1, 0, 0), SIMD3(0, 0, 1))
        var moved = c
        moved.positions = c.positions.map { rotation * $0 + SIMD3(3.1, -2.2, 0.7) }
        let m = try Calculator(potential: potential).evaluate(moved)
        #expect(abs(m.energy - e.energy) < 1e-10 * abs(e.energy))
        for i in 0..<c.count { #expect(FiniteDifferences.relativeError([m.forces[i]], [rotation * e.forces[i]]) < 1e-9) }
        var permuted = c
        let order = Array((0..<c.count).reversed())
        permuted.positions = order.map { c.positions[$0] }
        permuted.species = order.map { c.species[$0] }
        let p = try Calculator(potential: potential).evaluate(permuted)
        #expect(abs(p.energy - e.energy) < 1e-10 * abs(e.energy))
        #expect(FiniteDifferences.relativeError(p.forces, order.map { e.forces[$0] }) < 1e-10)
    }
}
