import BasinAtoms
import BasinDescriptors
import BasinMath
import BasinNN
import BasinNNP

/// Small two-element models with random weights, and H/O structures to evaluate them on,
/// shared by the test targets.
public enum SyntheticModel {
    public static let hydrogen = try! Element(symbol: "H")
    public static let oxygen = try! Element(symbol: "O")

    /// An H/O model with radial, narrow and wide angular functions of radius `radius` (Å).
    public static func make(
        scaling: ScalingMode = .scaleCenter, cutoff: CutoffKind = .tanhUnnormalized, alpha: Double = 0,
        activations: [Activation] = [.tanh, .softplus, .identity], normalized: Bool = true, radius: Double = 3.2,
        seed: UInt64 = 7
    ) -> NNPModel {
        let c = CutoffFunction(kind: cutoff, radius: radius, alpha: alpha)
        let elements = [hydrogen, oxygen]
        func functions(_ central: Element) -> SymmetryFunctionSet {
            var list: [SymmetryFunction] = []
            for e in elements {
                list.append(.radial(RadialSymmetryFunction(neighbor: e, eta: 0.5, shift: 0, cutoff: c)))
                list.append(.radial(RadialSymmetryFunction(neighbor: e, eta: 2.0, shift: 1.1, cutoff: c)))
            }
            list.append(.angular(AngularSymmetryFunction(isWide: false, neighbors: hydrogen, oxygen, eta: 0.2, lambda: 1, zeta: 2, shift: 0, cutoff: c)))
            list.append(.angular(AngularSymmetryFunction(isWide: true, neighbors: hydrogen, hydrogen, eta: 0.1, lambda: -1, zeta: 1, shift: 0.3, cutoff: c)))
            list.append(.angular(AngularSymmetryFunction(isWide: true, neighbors: oxygen, oxygen, eta: 0.05, lambda: 1, zeta: 4, shift: 0, cutoff: c)))
            return SymmetryFunctionSet(central: central, functions: list)
        }
        let hidden = [5, 4]
        let settings = NNPSettings(
            elements: elements, atomEnergies: [hydrogen: -0.05, oxygen: -0.4], cutoffKind: cutoff, cutoffAlpha: alpha,
            symmetryFunctions: elements.map(functions), scaling: scaling, scaleMinimum: -1, scaleMaximum: 1,
            normalization: normalized ? EnergyNormalization(meanEnergy: -0.3, convEnergy: 0.8, convLength: 1.7) : nil,
            architectures: elements.map { _ in NetworkArchitecture(hiddenLayers: hidden, activations: activations) },
            normalizesNodes: true, otherSettings: ["random_seed 12345", "epochs 10"])
        var generator = SeededGenerator(seed: seed)
        let networks = settings.architectures.enumerated().map { e, architecture in
            var network = architecture.network(inputCount: settings.symmetryFunctions[e].functions.count, normalizesNodes: true)
            network.parameters = network.parameters.map { _ in generator.normal() * 0.7 }
            return network
        }
        let statistics = settings.symmetryFunctions.map { set in
            set.functions.map { _ in
                let low = generator.uniform(), width = 0.5 + generator.uniform()
                return SymmetryFunctionStatistics(minimum: low, maximum: low + width, mean: low + 0.4 * width, sigma: 0.3 * width)
            }
        }
        return NNPModel(settings: settings, statistics: scaling.needsStatistics ? statistics : [], networks: networks)
    }

    /// Eight H/O atoms placed at random (no two closer than 0.8 Å) in a skewed periodic cell, or
    /// as a cluster.
    public static func structure(periodic: Bool, seed: UInt64 = 3) -> Configuration {
        var generator = SeededGenerator(seed: seed)
        let vectors = Matrix3(rows: SIMD3(4.1, 0, 0), SIMD3(0.7, 3.9, 0), SIMD3(-0.4, 0.5, 4.3))
        var positions: [SIMD3<Double>] = []
        while positions.count < 8 {
            let f = SIMD3(generator.uniform(), generator.uniform(), generator.uniform())
            let x = f.x * vectors[0] + f.y * vectors[1] + f.z * vectors[2]
            if positions.allSatisfy({ length(x - $0) > 0.8 }) { positions.append(x) }
        }
        return Configuration(
            positions: positions, species: [0, 0, 1, 0, 1, 0, 0, 1], elements: [hydrogen, oxygen],
            cell: periodic ? Cell(vectors: vectors) : .open, units: .metal)
    }

    public static func length(_ v: SIMD3<Double>) -> Double { (v * v).sum().squareRoot() }
}
