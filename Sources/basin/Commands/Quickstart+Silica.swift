import BasinPotentials
import BasinWorkflows
import Foundation

extension Quickstart {
    /// What `--json` prints for silica.
    struct SilicaSummary: Encodable {
        struct State: Encodable {
            var name: String
            var temperature: Double
            /// max |Δg| per pair (Si-O, O-O, Si-Si) and its noise estimate.
            var rdfMaxDifference: [String: Double]
            var rdfNoise: [String: Double]
            var meanSiOSiVashishta: Double
            var meanSiOSiNNP: Double
            var meanOSiOVashishta: Double
            var meanOSiONNP: Double
            /// g(r) samples of the NNP's run and of Vashishta's.
            var samples: Int
            var referenceSamples: Int
        }
        var output: String
        var frames: Int
        var symmetryFunctions: [String: Int]
        var coulombBaseline: Bool
        /// Whether the baseline carries Vashishta's steric term.
        var stericBaseline: Bool
        /// Whether the baseline carries Vashishta's charge–dipole term beyond the networks' cutoff.
        var chargeDipoleTail: Bool
        /// The ZBL core's inner and outer cutoffs (Å) per pair (Si-O, O-O, Si-Si), when the baseline has one.
        var repulsiveCore: [String: ScreenedNuclearRepulsion.Switching]?
        var training: TrainingSummary
        var selfSampling: [SilicaQuickstart.SelfSamplingRound]
        var driftMeVPerAtomPerPs: Double
        var nveMeanTemperature: Double
        /// The step at which the model's NVE run became unstable (the structures are then not compared).
        var nveUnstableStep: Int?
        var states: [State]
        var passes: [String: Bool]
        var timings: SilicaQuickstart.Result.Timings
    }

    func runSilica() throws {
        let preset: SilicaQuickstart.Settings = switch self.preset {
        case "tiny": .tiny
        case "quick": .quick
        default: .default
        }
        let settings = configured(preset)
        let directory = try outputDirectory()
        let result = try StageProgress.run { stages in
            try SilicaQuickstart(settings: settings).run(directory: directory) { p in
                stages.update(stage: p.stage.rawValue, completed: p.completed, total: p.total, message: p.message)
            }
        }
        let pairs = ["Si-O", "O-O", "Si-Si"]
        let states = zip(SilicaQuickstart.StatePoint.allCases, result.structures).map { state, c in
            SilicaSummary.State(
                name: state.rawValue, temperature: state == .glass ? settings.glassTemperature : settings.meltTemperature,
                rdfMaxDifference: Dictionary(uniqueKeysWithValues: zip(pairs, c.rdfMaxDifferences)),
                rdfNoise: Dictionary(uniqueKeysWithValues: zip(pairs, c.rdfNoise)),
                meanSiOSiVashishta: c.meanSiOSi[0], meanSiOSiNNP: c.meanSiOSi[1], meanOSiOVashishta: c.meanOSiO[0],
                meanOSiONNP: c.meanOSiO[1], samples: c.samples, referenceSamples: c.referenceSamples)
        }
        let p = result.passes
        let summary = SilicaSummary(
            output: directory.path, frames: result.frames,
            symmetryFunctions: ["O": result.symmetryFunctionCounts.first ?? 0, "Si": result.symmetryFunctionCounts.last ?? 0],
            coulombBaseline: settings.coulombBaseline, stericBaseline: settings.coulombBaseline && settings.stericBaseline,
            chargeDipoleTail: settings.coulombBaseline && settings.chargeDipoleTail,
            repulsiveCore: result.repulsiveCore.map { Dictionary(uniqueKeysWithValues: zip(pairs, $0)) }, training: TrainingSummary(result.training), selfSampling: result.selfSampling,
            driftMeVPerAtomPerPs: result.driftMeVPerAtomPerPs,
            nveMeanTemperature: result.nveMeanTemperature, nveUnstableStep: result.nveUnstableStep, states: states,
            passes: [
                "energy": p.energy, "forces": p.forces, "drift": p.drift, "rdfGlass": p.rdf[0], "rdfMelt": p.rdf[1],
                "angleGlass": p.angle[0], "angleMelt": p.angle[1], "all": p.all,
            ],
            timings: result.timings)
        if json {
            try Output.json(summary)
            return
        }
        print("# quickstart silica: \(result.frames) frames, \(result.symmetryFunctionCounts.map(String.init).joined(separator: "/")) symmetry functions (O/Si), \(result.training.epochs) epochs (best \(result.training.bestEpoch)), \(ProgressReporter.format(result.timings.total))")
        printTraining(result.training, energy: p.energy, forces: p.forces)
        if let step = result.nveUnstableStep {
            print("NVE drift (melt)  unstable at step \(step): the structures were not compared \(mark(p.drift))")
        } else {
            print(String(format: "NVE drift (melt)  %9.2e meV/atom/ps %@", result.driftMeVPerAtomPerPs, mark(p.drift)))
        }
        for (index, state) in states.enumerated() {
            let c = result.structures[index]
            print(String(format: "%-5@ %5.0f K  max |Δg(r)| %.4f   mean Si–O–Si %.2f° vs %.2f°  %@ %@", state.name, state.temperature,
                         c.rdfMaxDifference, c.meanSiOSi[1], c.meanSiOSi[0], mark(p.rdf[index]), mark(p.angle[index])))
        }
        print("report: \(directory.appendingPathComponent("report.md").path)")
    }
}
