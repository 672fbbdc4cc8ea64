import BasinAtoms
import BasinMath
import Foundation

/// A Lennard-Jones cluster read from an XYZ file in `Fixtures/`, with the energy its comment
/// line states (`energy=…`). Reads only what the fixtures hold: a count, a comment, then one
/// `symbol x y z` line per atom.
struct ClusterFixture {
    let configuration: Configuration
    /// The published global-minimum energy (ε).
    let energy: Double

    struct ReadError: Error, CustomStringConvertible {
        let description: String
    }

    init(named name: String) throws {
        guard let url = Bundle.module.url(forResource: name, withExtension: "xyz", subdirectory: "Fixtures") else {
            throw ReadError(description: "no fixture \(name).xyz")
        }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2, let count = Int(lines[0].trimmingCharacters(in: .whitespaces)), lines.count >= count + 2 else {
            throw ReadError(description: "\(name).xyz: bad header")
        }
        guard let field = lines[1].split(separator: " ").first(where: { $0.hasPrefix("energy=") }),
              let energy = Double(field.dropFirst("energy=".count)) else {
            throw ReadError(description: "\(name).xyz: no energy= on the comment line")
        }
        var symbols: [String] = []
        var positions: [SIMD3<Double>] = []
        for (number, line) in lines[2..<(count + 2)].enumerated() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 4, let x = Double(fields[1]), let y = Double(fields[2]), let z = Double(fields[3]) else {
                throw ReadError(description: "\(name).xyz line \(number + 3): expected 'symbol x y z'")
            }
            symbols.append(String(fields[0]))
            positions.append(SIMD3(x, y, z))
        }
        configuration = try Configuration(symbols: symbols, positions: positions, units: .lennardJones)
        self.energy = energy
    }

    /// The cluster with every coordinate displaced by a normal deviate of standard deviation
    /// `amplitude` (σ).
    func perturbed(by amplitude: Double, seed: UInt64) -> Configuration {
        var generator = SeededGenerator(seed: seed)
        var result = configuration
        for i in result.positions.indices { result.positions[i] += amplitude * generator.normal3() }
        return result
    }
}
