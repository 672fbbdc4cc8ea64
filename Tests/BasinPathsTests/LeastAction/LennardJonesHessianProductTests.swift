import BasinAtoms
import BasinMath
@testable import BasinPaths
import BasinPotentials
import Testing

@Suite("Lennard-Jones Hessian products from the pair list")
struct LennardJonesHessianProductTests {
    @Test("equal the dense Hessian times a vector, in a cluster and in a periodic box with a cutoff", arguments: [false, true])
    func matchesDense(periodic: Bool) throws {
        var generator = SeededGenerator(seed: 21)
        var positions: [SIMD3<Double>] = []
        for x in 0..<3 { for y in 0..<3 { for z in 0..<2 {
            positions.append(1.12 * SIMD3(Double(x), Double(y), Double(z)) + 0.05 * generator.normal3())
        }}}
        let cell: Cell = periodic ? .orthorhombic(SIMD3(3.36, 3.36, 2.24)) : .open
        let configuration = try Configuration(symbols: positions.map { _ in "Ar" }, positions: positions, cell: cell, units: .lennardJones)
        let potential = try LennardJones(epsilon: 1, sigma: 1, cutoff: periodic ? 2.5 : nil, shift: periodic)
        let calculator = Calculator(potential: potential)
        let dense = try calculator.evaluate(configuration, [.energy, .forces, .hessian]).hessian!
        let v = (0..<3 * positions.count).map { _ in generator.normal() }
        var expected = [Double](repeating: 0, count: v.count)
        dense.multiply(v, into: &expected)
        var product = expected.map { _ in 0.0 }
        LennardJonesHessianProduct(potential).multiply(v, into: &product, neighbors: calculator.neighbors)
        let scale = expected.map(abs).max()!
        for (a, b) in zip(product, expected) { #expect(abs(a - b) <= 1e-12 * scale) }
    }
}
