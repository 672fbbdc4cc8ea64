import BasinAtoms
import BasinDescriptors

extension NNPSettings {
    /// The settings as an input.nn that n2p2 and Basin read back to equal settings.
    ///
    /// The layout is fixed (model keywords first, then `otherSettings`, then the symmetry
    /// functions element by element in n2p2's order) and numbers are written in the shortest
    /// form that reads back to the same `Double`, so writing settings that were read from such
    /// a file reproduces it byte for byte.
    public func text() -> String {
        var lines = ["# n2p2 neural-network potential settings (input.nn), written by Basin"]
        lines.append("number_of_elements \(elements.count)")
        lines.append("elements " + elements.map(\.symbol).joined(separator: " "))
        for e in elements { if let energy = atomEnergies[e] { lines.append("atom_energy \(e.symbol) \(energy)") } }
        lines.append(cutoffAlpha == 0 ? "cutoff_type \(cutoffKind.rawValue)" : "cutoff_type \(cutoffKind.rawValue) \(cutoffAlpha)")
        if let n = normalization {
            lines += ["mean_energy \(n.meanEnergy)", "conv_energy \(n.convEnergy)", "conv_length \(n.convLength)"]
        }
        switch scaling {
        case .none: break
        case .scale: lines.append("scale_symmetry_functions")
        case .center: lines.append("center_symmetry_functions")
        case .scaleCenter: lines += ["scale_symmetry_functions", "center_symmetry_functions"]
        case .sigma: lines.append("scale_symmetry_functions_sigma")
        }
        lines += ["scale_min_short \(scaleMinimum)", "scale_max_short \(scaleMaximum)"]
        let global = architectures[0]
        lines.append("global_hidden_layers_short \(global.hiddenLayers.count)")
        lines.append("global_nodes_short " + global.hiddenLayers.map(String.init).joined(separator: " "))
        lines.append("global_activation_short " + global.activations.map { String($0.rawValue) }.joined(separator: " "))
        for (e, architecture) in zip(elements, architectures) {
            for (l, width) in architecture.hiddenLayers.enumerated() where width != global.hiddenLayers[l] {
                lines.append("element_nodes_short \(e.symbol) \(l + 1) \(width)")
            }
        }
        if normalizesNodes { lines.append("normalize_nodes") }
        lines += otherSettings
        for set in symmetryFunctions {
            lines += set.functions.map { $0.settingsLine(central: set.central) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
