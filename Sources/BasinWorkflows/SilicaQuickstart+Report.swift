import BasinPlots
import BasinSampling
import Foundation

extension SilicaQuickstart {
    /// Per state point: `structure-STATE.csv` (r and g(r) of each pair, Vashishta then NNP),
    /// `angles-STATE.csv`, and the plots `g-of-r-STATE.svg` and `bond-angles-STATE.svg`.
    func writeStructureFiles(_ sampled: [(reference: SilicaStructure, model: SilicaStructure)], atoms: Int, to directory: URL) throws {
        for (state, pair) in zip(StatePoint.allCases, sampled) {
            let temperature = temperature(of: state)
            let title = String(format: "SiO₂ %@, %ld atoms, %.0f K (Langevin)", state.rawValue, atoms, temperature)
            let radii = pair.reference.rdfs[0].radii
            var rdfText = "r"
            for (name, _) in SilicaStructure.pairs { rdfText += ",g_\(name)_vashishta,g_\(name)_nnp" }
            rdfText += "\n"
            let columns = zip(pair.reference.rdfs, pair.model.rdfs).flatMap { [$0.values, $1.values] }
            for k in radii.indices {
                rdfText += "\(radii[k])" + columns.map { ",\($0[k])" }.joined() + "\n"
            }
            try Data(rdfText.utf8).write(to: directory.appendingPathComponent("structure-\(state.rawValue).csv"), options: .atomic)
            var rdfPlot = SVGPlot(title: "Partial g(r): \(title)", xLabel: "r (Å)", yLabel: "g(r)")
            for (index, (name, _)) in SilicaStructure.pairs.enumerated() {
                let color = SVGPlot.palette[index]
                rdfPlot.add(.init(name: "\(name) Vashishta", points: zip(radii, columns[2 * index]).map { ($0, $1) }, color: color))
                rdfPlot.add(.init(name: "\(name) NNP", points: zip(radii, columns[2 * index + 1]).map { ($0, $1) }, color: color, dashed: true))
            }
            try rdfPlot.write(to: directory.appendingPathComponent("g-of-r-\(state.rawValue).svg"))

            let distributions = [
                ("O-Si-O", pair.reference.oSiO, pair.model.oSiO), ("Si-O-Si", pair.reference.siOSi, pair.model.siOSi),
            ]
            let angles = pair.reference.oSiO.angles
            var angleText = "angle_deg,p_O-Si-O_vashishta,p_O-Si-O_nnp,p_Si-O-Si_vashishta,p_Si-O-Si_nnp\n"
            let angleColumns = distributions.flatMap { [$0.1.values, $0.2.values] }
            for k in angles.indices {
                angleText += "\(angles[k])" + angleColumns.map { ",\($0[k])" }.joined() + "\n"
            }
            try Data(angleText.utf8).write(to: directory.appendingPathComponent("angles-\(state.rawValue).csv"), options: .atomic)
            var anglePlot = SVGPlot(title: "Bond angles: \(title)", xLabel: "angle (°)", yLabel: "probability per degree")
            for (index, (name, reference, model)) in distributions.enumerated() {
                let color = SVGPlot.palette[index]
                anglePlot.add(.init(name: "\(name) Vashishta", points: zip(angles, reference.values).map { ($0, $1) }, color: color))
                anglePlot.add(.init(name: "\(name) NNP", points: zip(angles, model.values).map { ($0, $1) }, color: color, dashed: true))
            }
            try anglePlot.write(to: directory.appendingPathComponent("bond-angles-\(state.rawValue).svg"))
        }
    }

    func reportText(_ r: Result, sample: ReferenceSample) -> String {
        let s = settings
        func mark(_ ok: Bool) -> String { ok ? "PASS" : "FAIL" }
        func f(_ v: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", v) }
        let glassCopies = s.glassReplicas.x * s.glassReplicas.y * s.glassReplicas.z
        var text = """
            # Basin quickstart: Vashishta silica (SiO₂)

            Overall: **\(r.passes.all ? "PASS" : "FAIL")** (seed \(s.seed), \(s.threads) threads, total \(f(r.timings.total, 1)) s)

            | check | value | target | result |
            |---|---|---|---|
            | test energy RMSE | \(f(1000 * r.training.testEnergyRMSE)) meV/atom | ≤ \(f(1000 * s.energyTarget, 1)) | \(mark(r.passes.energy)) |
            | test force RMSE | \(f(1000 * r.training.testForceRMSE, 1)) meV/Å | ≤ \(f(1000 * s.forceTarget, 0)) | \(mark(r.passes.forces)) |
            | NVE drift (melt, \(f(Double(s.nveSteps) * s.timeStep, 1)) ps) | \(r.nveUnstableStep.map { "unstable at step \($0)" } ?? String(format: "%.2e meV/atom/ps", r.driftMeVPerAtomPerPs)) | \\|·\\| ≤ \(f(s.driftTarget, 1)) | \(mark(r.passes.drift)) |

            """
        for (index, (state, c)) in zip(StatePoint.allCases, r.structures).enumerated() {
            let at = "\(state.rawValue), \(Int(temperature(of: state))) K"
            let worst = c.rdfMaxDifferences.indices.max { c.rdfMaxDifferences[$0] < c.rdfMaxDifferences[$1] } ?? 0
            text += "| max \\|Δg(r)\\| (\(at)) | \(f(c.rdfMaxDifference)) (\(SilicaStructure.pairs[worst].0) at r = \(f(c.rdfMaxDifferenceRadii[worst], 2)) Å; noise ≈ \(f(c.rdfNoise[worst]))) | ≤ \(f(s.rdfTarget, 2)) | \(mark(r.passes.rdf[index])) |\n"
            text += "| mean Si–O–Si (\(at)) | \(f(c.meanSiOSi[1], 2))° vs \(f(c.meanSiOSi[0], 2))° (Δ \(f(c.siOSiDifference, 2))°) | ≤ \(f(s.angleTarget, 1))° | \(mark(r.passes.angle[index])) |\n"
        }
        if let step = r.nveUnstableStep {
            text += "\nThe model's NVE run became unstable at step \(step) (positions no longer finite): the structures were not compared.\n"
        }
        text += """

            ## Data
            - Reference: Vashishta SiO₂ (Vashishta, Kalia, Rino & Ebbsjö, Phys. Rev. B 41, 12197 (1990); the built-in parameters, as LAMMPS SiO.1990.vashishta)
            - Structures: α-quartz \(s.quartzCells)³ cells (\(9 * s.quartzCells * s.quartzCells * s.quartzCells) atoms), β-cristobalite \(s.cristobaliteCells)³ cells (\(24 * s.cristobaliteCells * s.cristobaliteCells * s.cristobaliteCells) atoms), and the melt: β-cristobalite after \(s.meltingSteps) Langevin steps at \(Int(s.meltingTemperature)) K (mean Si–O–Si \(f(r.meltSiOSi, 1))° at the end; 180° in the crystal)
            - Langevin, Δt = \(s.timeStep * 1000) fs, damping 100 Δt, \(s.equilibrationSteps) equilibration + \(s.sampledSteps) sampled steps per structure and temperature, every \(s.sampleInterval)th step kept; the melt at the lower temperatures is quenched amorphous silica
            - Melt-only sampling at \(s.meltOnlyTemperatures.map { "\(Int($0)) K" }.joined(separator: ", ")); self-sampling: \(s.selfSamplingRounds) round(s) of the model's Langevin MD from the melt at \(s.selfSamplingTemperatures.map { "\(Int($0)) K" }.joined(separator: " and ")), \(s.selfSamplingSteps) steps each, every \(s.selfSamplingInterval)th configuration labelled with Vashishta (frames with a force above \(f(s.selfSamplingForceLimit, 0)) eV/Å\(r.repulsiveCore == nil ? "" : " or a pair inside the repulsive core") left out)\(s.selfSamplingKeptPerRun.map { ", of each run the \($0) with the largest force error of the model added" } ?? ""), each round after a fit of \(s.selfSamplingEpochs) epochs; the final fit uses all frames but the held-out ones
            \(r.selfSampling.enumerated().map { k, round in "- Self-sampling round \(k + 1): \(round.added) frames added of \(round.candidates) candidates (model force RMSE \(f(1000 * round.addedForceError, 1)) meV/Å on those added, \(f(1000 * round.candidateForceError, 1)) on all), \(round.dropped) left out by force, \(round.insideCore) inside the core; steps run \(round.steps.map(String.init).joined(separator: ", ")); mean Si–O–Si of the last configuration \(round.lastSiOSi.map { f($0, 1) + "°" }.joined(separator: ", "))" }.joined(separator: "\n"))
            - Frames: \(r.frames) (\(r.training.trainStructures) train, \(r.training.testStructures) test: a seeded share of the reference sampling, the same in every fit; self-sampled frames only train); data/input.data (n2p2)

            | T (K) | frames | E/atom min (eV) | E/atom max (eV) | rms F (eV/Å) |
            |---|---|---|---|---|

            """
        for t in sample.summary() {
            text += "| \(Int(t.temperature)) | \(t.frames) | \(t.energyPerAtomMinimum.map { f($0, 4) } ?? "-") | \(t.energyPerAtomMaximum.map { f($0, 4) } ?? "-") | \(t.forceRMS.map { f($0, 3) } ?? "-") |\n"
        }
        let shortest = zip(SilicaStructure.pairs, r.shortestDistances).map { "\($0.0) \(f($1, 2)) Å" }.joined(separator: ", ")
        text += """

            ## Model
            - Symmetry functions: \(r.symmetryFunctionCounts.first ?? 0) for O, \(r.symmetryFunctionCounts.last ?? 0) for Si; per neighbor element \(s.shiftedRadial) shifted + \(s.centredRadial) centred radial from that pair's shortest distance (\(shortest)), per neighbor-element pair \(s.angularWidths) angular widths × ζ ≤ \(Int(s.zetaMax)) × λ = ±1; r_c = \(s.cutoff) Å, cutoff type \(s.cutoffType)
            - Baseline: \(s.coulombBaseline ? "fixed Coulomb charges Si +1.6, O −0.8 (Vashishta's), LAMMPS coul/dsf α = 0, r_c = 10 Å\(s.stericBaseline ? ", plus Vashishta's steric term H/r^η per pair (LAMMPS vashishta with all else zero)" : "")\(s.chargeDipoleTail ? ", plus Vashishta's charge–dipole term −D e^(−r/λ4)/r⁴ beyond the networks' cutoff \(f(s.cutoff, 1)) Å (LAMMPS table)" : "")\(r.repulsiveCore.map { ", plus the ZBL repulsive core (LAMMPS zbl) switched off per pair between r_in and r_out = \(zip(SilicaStructure.pairs, $0).map { "\($0.0.0) \(f($0.1.inner, 2))–\(f($0.1.outer, 2)) Å" }.joined(separator: ", "))" } ?? "") (model/baseline.data); the networks fit Vashishta − baseline, the model is networks + baseline" : "none; the networks fit Vashishta whole")
            - Networks: one per element, \(s.training.hiddenLayers.map(String.init).joined(separator: "-")) tanh, \(r.training.parameterCount) weights in all, scale-center scaling, energies normalized (mean, σ)
            \(r.training.reportLine(s.fit))

            ## Validation
            - NVE: the melt, \(s.validationEquilibrationSteps) Langevin steps at \(Int(s.meltTemperature)) K with the model, then \(s.nveSteps) velocity-Verlet steps (Δt = \(s.timeStep * 1000) fs); mean T \(f(r.nveMeanTemperature, 0)) K; drift = least-squares slope of the total energy per atom, sampled every 10 steps (nve-energy.csv)
            - Glass: \(glassCopies > 1 ? "the melt repeated \(s.glassReplicas.x) × \(s.glassReplicas.y) × \(s.glassReplicas.z) (\(glassCopies) copies) and run \(s.glassMeltingSteps) Langevin steps with Vashishta at \(Int(s.meltTemperature)) K, then" : "the melt") after \(s.glassAnnealingSteps) Langevin steps with Vashishta at \(Int(s.glassTemperature)) K (quenched by the thermostat and annealed; mean Si–O–Si \(f(r.glassSiOSi, 1))° at the end), the one glass both potentials sample
            - Structure: Vashishta and NNP each \(s.validationEquilibrationSteps) + \(s.glassStructureSteps) Langevin steps from the glass at \(Int(s.glassTemperature)) K, and \(s.validationEquilibrationSteps) + \(s.meltStructureSteps) (NNP) and \(s.validationEquilibrationSteps) + \(s.meltStructureSteps * s.meltReferenceFactor) (Vashishta) from the melt at \(Int(s.meltTemperature)) K, with the same start velocities and noise seed; \(r.structures.map { "\($0.samples) (NNP) and \($0.referenceSamples) (Vashishta)" }.joined(separator: ", then ")) samples (every \(s.structureInterval) steps) in \(s.rdfBlocks) blocks; \(s.rdfBins) bins to \(s.rdfMaximumRadius) Å (width \(f(s.rdfMaximumRadius / Double(s.rdfBins), 3)) Å); bonds are Si–O pairs closer than \(s.bondCutoff) Å
            - Noise: at the r where it is largest, one standard error of Δg from the spread of each run's block averages, the two runs taken as independent: the sampling error of the two time averages, about the max |Δg| two Vashishta runs from one start with different noise seeds show. It leaves out the spread between different glasses (both runs start from one) and, in the glass, the correlation the shared noise seed gives the two runs

            | state | pair | max \\|Δg\\| | at r (Å) | noise |
            |---|---|---|---|---|

            """
        for (state, c) in zip(StatePoint.allCases, r.structures) {
            for (k, (name, _)) in SilicaStructure.pairs.enumerated() {
                text += "| \(state.rawValue) | \(name) | \(f(c.rdfMaxDifferences[k])) | \(f(c.rdfMaxDifferenceRadii[k], 2)) | \(f(c.rdfNoise[k])) |\n"
            }
        }
        text += """

            | state | mean O–Si–O Vashishta | NNP | mean Si–O–Si Vashishta | NNP |
            |---|---|---|---|---|

            """
        for (state, c) in zip(StatePoint.allCases, r.structures) {
            text += "| \(state.rawValue) | \(f(c.meanOSiO[0], 2))° | \(f(c.meanOSiO[1], 2))° | \(f(c.meanSiOSi[0], 2))° | \(f(c.meanSiOSi[1], 2))° |\n"
        }
        let t = r.timings
        text += """

            ## Timings (s)
            | melting | sampling | symmetry functions | training | self-sampling | NVE | glass | structure | report | total |
            |---|---|---|---|---|---|---|---|---|---|
            | \(f(t.melting, 1)) | \(f(t.sampling, 1)) | \(f(t.symmetryFunctions, 1)) | \(f(t.training, 1)) | \(f(t.selfSampling, 1)) | \(f(t.nve, 1)) | \(f(t.glass, 1)) | \(f(t.structure, 1)) | \(f(t.report, 1)) | \(f(t.total, 1)) |

            Files: data/input.data, model/, learning-curve.csv, learning-curve.svg, parity.svg, nve-energy.csv, structure-glass.csv, structure-melt.csv, g-of-r-glass.svg, g-of-r-melt.svg, angles-glass.csv, angles-melt.csv, bond-angles-glass.svg, bond-angles-melt.svg, report.md

            """
        return text
    }
}
