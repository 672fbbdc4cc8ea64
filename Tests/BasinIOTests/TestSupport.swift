import BasinAtoms
import BasinIO
import BasinMath
import BasinTestSupport
import Foundation
import Testing

/// A fixture file shipped with the tests.
func fixture(_ name: String) throws -> URL {
    let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)
    return try #require(url, "missing fixture \(name)")
}

/// A fresh empty directory, removed by the caller with `removeItem`.
func temporaryDirectory() throws -> URL {
    try ScratchDirectory.make("io")
}

/// Runs `body` with a fresh directory and removes it afterwards.
func withTemporaryDirectory(_ body: (URL) throws -> Void) throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try body(directory)
}

func expectClose(
    _ a: [SIMD3<Double>]?, _ b: [SIMD3<Double>]?, tolerance: Double = 1e-12,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let a, let b else {
        #expect(a == nil && b == nil, "one array is missing", sourceLocation: sourceLocation)
        return
    }
    #expect(a.count == b.count, sourceLocation: sourceLocation)
    let deviation = zip(a, b).map { maxMagnitude($0 - $1) }.max() ?? 0
    #expect(deviation <= tolerance, "deviation \(deviation)", sourceLocation: sourceLocation)
}

/// Largest absolute component.
func maxMagnitude(_ v: SIMD3<Double>) -> Double { max(abs(v.x), abs(v.y), abs(v.z)) }

func expectClose(
    _ a: Matrix3?, _ b: Matrix3?, tolerance: Double = 1e-12, sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let a, let b else {
        #expect(a == nil && b == nil, "one matrix is missing", sourceLocation: sourceLocation)
        return
    }
    #expect((a - b).maxMagnitude <= tolerance, "\(a) vs \(b)", sourceLocation: sourceLocation)
}

/// Structures the round-trip tests write and read back.
enum Samples {
    /// Three silicon and two carbon atoms in a general (not lower-triangular) triclinic cell,
    /// one atom outside the cell, with velocities.
    static func triclinic() -> Configuration {
        let cell = Cell(vectors: Matrix3(rows: SIMD3(4.1, 0.2, -0.3), SIMD3(0.9, 3.8, 0.4), SIMD3(-0.5, 0.6, 4.5)))
        let fractional: [SIMD3<Double>] = [
            SIMD3(0.1, 0.05, 0.02), SIMD3(0.5, 0.5, 0.1), SIMD3(0.25, 0.7, 0.55), SIMD3(0.8, 0.2, 0.75),
            SIMD3(1.3, -0.4, 0.6),
        ]
        let silicon = try! Element(symbol: "Si"), carbon = try! Element(symbol: "C")
        return Configuration(
            positions: fractional.map { cell.cartesian($0) }, species: [0, 0, 1, 0, 1], elements: [silicon, carbon],
            cell: cell, velocities: [
                SIMD3(0.1, -0.2, 0.3), SIMD3(-1.5, 0.25, 0.125), SIMD3(0, 0, 0), SIMD3(3.25, 1e-7, -2), SIMD3(0.5, 0.5, 0.5),
            ])
    }

    /// Copper fcc, 2 × 2 × 2 conventional cells (32 atoms), orthorhombic.
    static func orthorhombic() -> Configuration {
        try! Lattice.fcc.build(element: Element(symbol: "Cu"), latticeConstant: 3.615, cells: SIMD3(2, 2, 2))
    }

    /// A water molecule in open space.
    static func cluster() -> Configuration {
        try! Configuration(
            symbols: ["O", "H", "H"],
            positions: [SIMD3(0, 0, 0.119262), SIMD3(0, 0.763239, -0.477047), SIMD3(0, -0.763239, -0.477047)])
    }
}

/// Reads the expected values a fixture script stored (see Fixtures/make_fixtures.py).
struct ExpectedFrame: Decodable {
    var symbols: [String]
    var positions: [[Double]]
    var cell: [[Double]]
    var pbc: [Bool]
    var masses: [Double]
    var energy: Double?
    var forces: [[Double]]?
    var stress: [[Double]]?
    var velocities: [[Double]]?

    static func load(_ file: String) throws -> [ExpectedFrame] {
        let all = try JSONDecoder().decode([String: [ExpectedFrame]].self, from: Data(contentsOf: fixture("expected.json")))
        return try #require(all[file])
    }

    static func vectors(_ rows: [[Double]]?) -> [SIMD3<Double>]? {
        rows?.map { SIMD3($0[0], $0[1], $0[2]) }
    }

    static func matrix(_ rows: [[Double]]?) -> Matrix3? {
        rows.map { Matrix3(rows: SIMD3($0[0][0], $0[0][1], $0[0][2]), SIMD3($0[1][0], $0[1][1], $0[1][2]), SIMD3($0[2][0], $0[2][1], $0[2][2])) }
    }
}
