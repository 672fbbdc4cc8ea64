import BasinDescriptors
import BasinTraining

extension SilicaQuickstart {
    /// Everything the job does (metal units: Å, ps, K, eV); `default` is the real run, `tiny` a
    /// seconds-long smoke test.
    public struct Settings: Sendable, Codable, Equatable {
        // Structures and sampling.
        /// Unit cells per edge: α-quartz (9 atoms per cell) and β-cristobalite (24 per cell; the
        /// melt is made from it).
        public var quartzCells = 2
        public var cristobaliteCells = 2
        /// β-cristobalite is melted by `meltingSteps` Langevin steps at `meltingTemperature` (K);
        /// Vashishta's crystal superheats, so this lies well above the melt's state point.
        public var meltingTemperature = 6000.0
        public var meltingSteps = 3000
        /// The melt's state point (K): the highest sampling temperature and where the melt is validated.
        public var meltTemperature = 4000.0
        public var temperatures: [Double] = [300, 1300, 2600, 4000]
        /// Temperatures (K) at which the melt alone is sampled as well, hotter than the crystals
        /// can be held: the close approaches of a hot liquid.
        public var meltOnlyTemperatures: [Double] = [6000]
        public var equilibrationSteps = 300
        public var sampledSteps = 1200
        public var sampleInterval = 100
        public var timeStep = 0.001
        // The model.
        /// Whether the networks sit on a fixed Coulomb baseline (`SilicaQuickstart.coulombBaseline`)
        /// and are trained on Vashishta − baseline; without it they fit Vashishta whole and
        /// cannot see its Coulomb term beyond `cutoff`.
        public var coulombBaseline = true
        /// Whether the Coulomb baseline also carries Vashishta's steric term H_ij/r^η_ij
        /// (`SilicaQuickstart.stericBaseline`): the steep Si–O repulsion that holds the
        /// charges' attraction off, which the networks otherwise learn from the few close
        /// contacts in the data and extrapolate wrongly below them.
        public var stericBaseline = true
        /// Whether the Coulomb baseline also carries Vashishta's charge–dipole attraction
        /// −D e^(−r/λ4)/r⁴ beyond the networks' `cutoff` (`SilicaQuickstart.chargeDipoleTail`).
        /// Without it the networks, which see 5.5 Å, had to fit an energy of the pairs beyond
        /// (−148 meV/atom in α-quartz, −122 in the melt, about 26 meV/atom apart by density alone)
        /// through the neighbours they see, and their forces bent: on 31 frames of a Vashishta
        /// glass at 300 K one data set's models pulled every bond together (mean force error
        /// along Si–O −6.6 and −3.1 meV/Å, along O–O −12.8 and −7.5, two weight seeds) and erred
        /// by 35.5 and 39.0 meV/Å; with the tail the same fits erred by −1.5 and +1.6, −2.5 and
        /// +2.5, and 20.5 and 21.4 meV/Å.
        public var chargeDipoleTail = true
        /// The repulsive core added to the Coulomb baseline (`SilicaQuickstart.baseline`): ZBL
        /// per element pair, switched off between `outer − width` and `outer` = that pair's
        /// shortest distance in the sampled data − `margin` (Å), so that it holds atoms apart
        /// where the networks have no data and leaves the residual they fit unchanged. Nil (the
        /// default) for none: with Vashishta's steric term in the baseline the core held no model
        /// off a Si–Si collapse in the NVE run, and a model that went inside it in self-sampling
        /// had every such frame left out (120 of 120 in one round) and learned nothing there.
        public var repulsiveCore: RepulsiveCore? = nil
        /// Rounds of self-sampling: after each fit the model runs `selfSamplingSteps` Langevin
        /// steps from the melt at every `selfSamplingTemperatures`, every `selfSamplingInterval`th
        /// configuration is labelled with Vashishta, the `selfSamplingKeptPerRun` of each run on
        /// which the model's forces err most are added, and the model is fitted again. With two
        /// rounds, one seed's round-2 model fell into a hole at 4,000 K and its frames (force
        /// RMSE 1,019 meV/Å) went to the final fit with no round after it; with three, the last
        /// round of each of three seeds added frames its model erred on by 75–79 meV/Å.
        public var selfSamplingRounds = 3
        /// Epochs of the fits that only feed a self-sampling round (the last fit takes `training.epochs`).
        public var selfSamplingEpochs = 8
        public var selfSamplingTemperatures: [Double] = [300, 4000]
        /// Long enough for a hole that the model's NVE run in the melt falls into after several
        /// picoseconds to show in the self-sampling run at the melt's temperature.
        public var selfSamplingSteps = 3000
        public var selfSamplingInterval = 50
        /// Frames added per self-sampling run (temperature): those with the largest force RMSE of
        /// the model against Vashishta, the seed's criterion of a hole; nil adds every frame.
        public var selfSamplingKeptPerRun: Int? = 20
        /// Self-sampled frames whose largest Vashishta force exceeds this (eV/Å) are left out.
        public var selfSamplingForceLimit = 30.0
        // Symmetry functions.
        public var cutoff = 5.5
        public var cutoffType = 6
        /// Shifted radial functions per neighbor element. Eight, not four: on 31 frames of a
        /// Vashishta glass at 300 K a model with four erred by 45.5 meV/Å in force, as much as on
        /// its own amorphous training frames (underfit, not unseen), one with eight by 36.1.
        public var shiftedRadial = 8
        public var centredRadial = 2
        public var angularWidths = 1
        public var zetaMax = 16.0
        /// n2p2's Kalman filter: on these data it reached 2.5 meV/atom and 0.29 eV/Å held out
        /// in 4 epochs, where Adam (batch 2) stood at 27 meV/atom and 0.28 eV/Å after 67. The
        /// filter's few energy updates leave the energy's offset wandering from epoch to epoch
        /// (a fit with 2.57 meV/atom RMSE over all frames had a mean error of 2.09 and a spread
        /// of 1.50 meV/atom), so each epoch ends with that offset removed. The energy RMSE still
        /// swings from epoch to epoch (1.2–3.5 meV/atom over one fit's last 24 epochs) while the
        /// loss, which the force term dominates at α = 10, barely tells the epochs apart; see
        /// `selectsEpochByTargets`.
        public var training = QuickstartTraining.Settings(
            hiddenLayers: [15, 15], method: .kalman, epochs: 30, batchSize: 1, learningRate: 0.005, finalLearningRate: 0.0001,
            kalmanForceFraction: 0.02, forceWeight: 10, fitsEnergyOffset: true)
        /// Whether each fit keeps the epoch whose test errors are lowest in units of the targets,
        /// (E/`energyTarget`)² + (F/`forceTarget`)², instead of the epoch of the lowest test loss.
        public var selectsEpochByTargets = true
        // Validation.
        /// The glass's temperature (K).
        public var glassTemperature = 300.0
        /// The glass is quenched from the melt repeated this many times along a, b and c (192
        /// atoms → 768), after `glassMeltingSteps` Vashishta Langevin steps at `meltTemperature`
        /// that make the copies independent liquids. A frozen 192-atom glass is too small a sample
        /// of the glass's structure: two Vashishta runs of 30 ps at 300 K from one annealed
        /// 192-atom glass with different noise seeds differed by max |Δg| 0.24 / 0.16 / 0.22
        /// (Si–O, O–O, Si–Si; rearrangements of single bonds, each a 1/192 of the count, that one
        /// run makes and the other does not), two runs of 7.5 ps from one 768-atom glass by 0.08 /
        /// 0.08 / 0.08, at the same cost in atom steps.
        public var glassReplicas = SIMD3(2, 2, 1)
        public var glassMeltingSteps = 3000
        /// The glass both potentials sample from: the melt quenched and annealed by the
        /// reference, `glassAnnealingSteps` Vashishta Langevin steps at `glassTemperature`
        /// (20 ps). A glass is one frozen structure out of many: when each potential quenched
        /// the melt itself, the two glasses differed by up to 1.67 in the Si–O g(r), and two
        /// Vashishta runs from one quenched glass with different noise seeds by 0.70, so the
        /// model is compared with the reference at one state, the reference's annealed glass.
        public var glassAnnealingSteps = 20_000
        /// Langevin steps before the NVE run and before structure sampling.
        public var validationEquilibrationSteps = 500
        public var nveSteps = 10_000
        /// Structure sampling steps per potential after the equilibration, in the glass (of
        /// `glassReplicas` melts: 7.5 ps of 768 atoms cost what 30 ps of 192 did) and in the
        /// melt. In the melt (192 atoms), where runs decorrelate within a picosecond, two
        /// Vashishta runs from one start with different noise seeds differ by max |Δg| 0.07 /
        /// 0.08 / 0.07 (Si–O, O–O, Si–Si) over 10 ps and 0.08 / 0.03 / 0.07 over 20 ps, with
        /// block standard errors 0.07 / 0.03 / 0.04 at 20 ps falling as 1/√time: 30 ps puts the
        /// melt's noise near 0.06.
        public var glassStructureSteps = 7_500
        public var meltStructureSteps = 30_000
        /// Vashishta's own run in the melt, from the same start and noise seed as the model's and
        /// `meltReferenceFactor` times as long: a Vashishta step costs about a tenth of the
        /// model's, and four times the samples halve the reference's share of the comparison's
        /// noise (there the two runs decorrelate within a picosecond, so the longer run only
        /// adds samples). In the glass both runs keep one length: their comparison rests on
        /// sampling one frozen structure along the same noise.
        public var meltReferenceFactor = 4
        /// Steps between g(r) and angle samples: structure samples cost little next to a step.
        public var structureInterval = 10
        /// Blocks per run for the noise estimate (`SilicaStructureComparison.rdfNoise`).
        public var rdfBlocks = 4
        public var rdfMaximumRadius = 6.0
        public var rdfBins = 120
        /// Si–O pairs closer than this count as bonds for the angle distributions (Å).
        public var bondCutoff = 2.2
        // Targets.
        public var energyTarget = 0.003
        public var forceTarget = 0.150
        public var driftTarget = 1.0
        public var rdfTarget = 0.1
        /// Largest |Δ mean Si–O–Si| (degrees).
        public var angleTarget = 2.0
        public var seed: UInt64 = 1
        public var threads = 2

        public init() {}

        /// `training` with the best-epoch rule of `selectsEpochByTargets`.
        var fit: QuickstartTraining.Settings {
            var fit = training
            if selectsEpochByTargets { fit.selectionScales = ErrorScales(energyPerAtom: energyTarget, force: forceTarget) }
            return fit
        }

        /// How the ZBL cutoffs of each element pair follow from its shortest distance in the data (Å).
        public struct RepulsiveCore: Sendable, Codable, Equatable {
            /// r_out − r_in.
            public var width: Double
            /// Shortest distance − r_out.
            public var margin: Double

            public init(width: Double, margin: Double) {
                self.width = width
                self.margin = margin
            }
        }

        public static let `default` = Settings()

        /// The default data and training with a short validation: 2 ps of NVE, a 5 ps anneal of
        /// the glass and 1 ps of structure sampling per state point and potential, on a machine
        /// too busy for the full run.
        public static var quick: Settings {
            var s = Settings()
            s.validationEquilibrationSteps = 200
            s.nveSteps = 2000
            s.glassAnnealingSteps = 5000
            s.glassStructureSteps = 1000
            s.meltStructureSteps = 1000
            return s
        }

        /// A smoke test that touches every stage in seconds (debug build).
        public static var tiny: Settings {
            var s = Settings()
            s.quartzCells = 1
            s.cristobaliteCells = 1
            s.meltingSteps = 20
            s.temperatures = [300, 4000]
            s.meltOnlyTemperatures = [6000]
            s.selfSamplingRounds = 1
            s.selfSamplingEpochs = 1
            s.selfSamplingSteps = 10
            s.selfSamplingInterval = 5
            s.selfSamplingKeptPerRun = nil
            s.equilibrationSteps = 5
            s.sampledSteps = 20
            s.sampleInterval = 10
            s.shiftedRadial = 2
            s.centredRadial = 1
            s.angularWidths = 1
            s.zetaMax = 1
            s.training = .tiny
            s.validationEquilibrationSteps = 5
            s.nveSteps = 20
            s.glassAnnealingSteps = 20
            s.glassReplicas = SIMD3(1, 1, 1)
            s.glassStructureSteps = 20
            s.meltStructureSteps = 20
            s.structureInterval = 5
            s.rdfBlocks = 2
            s.rdfBins = 20
            s.threads = 1
            return s
        }

        public func validate() throws(TrainingError) {
            guard !temperatures.isEmpty, temperatures.allSatisfy({ $0 > 0 && $0.isFinite }) else {
                throw TrainingError(reason: "give positive sampling temperatures")
            }
            guard meltingTemperature > 0, meltTemperature > 0, glassTemperature > 0 else {
                throw TrainingError(reason: "the melting, melt and glass temperatures must be positive")
            }
            guard quartzCells >= 1, cristobaliteCells >= 1 else { throw TrainingError(reason: "cells must be at least 1") }
            guard meltingSteps >= 0, sampleInterval >= 1, sampledSteps >= 0, equilibrationSteps >= 0 else { throw TrainingError(reason: "bad sampling steps") }
            guard timeStep > 0, cutoff > 0, bondCutoff > 0 else { throw TrainingError(reason: "need a positive time step, cutoff and bond cutoff") }
            guard CutoffKind(rawValue: cutoffType) != nil else { throw TrainingError(reason: "cutoff type must be 0-8") }
            guard shiftedRadial + centredRadial >= 1, angularWidths >= 0, zetaMax >= 1 else {
                throw TrainingError(reason: "need at least one radial function per element pair and ζ_max ≥ 1")
            }
            guard meltOnlyTemperatures.allSatisfy({ $0 > 0 && $0.isFinite }), selfSamplingTemperatures.allSatisfy({ $0 > 0 && $0.isFinite }) else {
                throw TrainingError(reason: "give positive melt-only and self-sampling temperatures")
            }
            guard selfSamplingRounds >= 0, selfSamplingEpochs >= 1, selfSamplingSteps >= 1, selfSamplingInterval >= 1, selfSamplingForceLimit > 0 else {
                throw TrainingError(reason: "bad self-sampling settings")
            }
            if let kept = selfSamplingKeptPerRun, kept < 1 {
                throw TrainingError(reason: "selfSamplingKeptPerRun must be at least 1 (nil keeps every frame), got \(kept)")
            }
            if let core = repulsiveCore, !(core.width > 0 && core.width.isFinite && core.margin >= 0 && core.margin.isFinite) {
                throw TrainingError(reason: "the repulsive core needs a positive width and a margin ≥ 0, got \(core.width) and \(core.margin) Å")
            }
            try training.validate()
            guard energyTarget > 0, energyTarget.isFinite, forceTarget > 0, forceTarget.isFinite else {
                throw TrainingError(reason: "the energy and force targets must be positive, got \(energyTarget) eV/atom and \(forceTarget) eV/Å")
            }
            guard glassAnnealingSteps >= 0, glassMeltingSteps >= 0 else {
                throw TrainingError(reason: "the glass needs glassAnnealingSteps and glassMeltingSteps ≥ 0, got \(glassAnnealingSteps) and \(glassMeltingSteps)")
            }
            guard glassReplicas.x >= 1, glassReplicas.y >= 1, glassReplicas.z >= 1, glassReplicas.x * glassReplicas.y * glassReplicas.z <= 64 else {
                throw TrainingError(reason: "glassReplicas must be 1 to 64 copies with each count ≥ 1, got \(glassReplicas)")
            }
            guard nveSteps >= 2, glassStructureSteps >= 1, meltStructureSteps >= 1, meltReferenceFactor >= 1, structureInterval >= 1, rdfBlocks >= 1,
                  rdfBins >= 1, rdfMaximumRadius > 0 else {
                throw TrainingError(reason: "bad validation settings")
            }
        }
    }
}
