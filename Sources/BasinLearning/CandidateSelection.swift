import BasinAtoms
import BasinNNP
import BasinTraining

/// Judges explored frames and picks the ones to label.
///
/// A frame is *failed* when max_i σ_i ≥ the upper trust level (discarded and counted); else a
/// *candidate* when any detector fires — the deviation at or above the lower level, an
/// extrapolation warning (when enabled), or, with a reference potential and a threshold, the
/// seed's own criterion max_i |F_i^NNP − F_i^ref| above it; else *accurate*. The frames that cut
/// an exploration run short are always labelled; of the candidates, the rest of at most `count`
/// are taken by farthest-point sampling in descriptor space (each frame described by its
/// per-element mean symmetry-function values, every component divided by its spread over the
/// frames considered), starting from those frames or else from the most deviating candidate.
struct CandidateSelection {
    var settings: LearningSettings.Candidates
    var trust: TrustLevels

    /// Sets each frame's verdict and detectors.
    func judge(_ frames: inout [ExploredFrame]) {
        for k in frames.indices {
            var frame = frames[k]
            frame.detectors = []
            if frame.deviation >= trust.upper {
                frame.verdict = .failed
                frames[k] = frame
                continue
            }
            if frame.deviation >= trust.lower { frame.detectors.append("deviation") }
            if settings.extrapolation, frame.warnings > 0 { frame.detectors.append("extrapolation") }
            if let threshold = settings.errorThreshold, let error = frame.error, error > threshold { frame.detectors.append("error") }
            frame.verdict = frame.detectors.isEmpty ? .accurate : .candidate
            frames[k] = frame
        }
    }

    /// Indices (into `frames`) of at most `count` frames to label: those of `required` (the
    /// frames that cut a run short, whatever their verdict) first, then candidates spread out in
    /// descriptor space, from the most deviating one when nothing is required.
    static func spread(
        _ frames: [ExploredFrame], configurations: [Configuration], settings: NNPSettings, count: Int, required: [Int] = []
    ) throws(LearningError) -> [Int] {
        let pool = required + frames.indices.filter { frames[$0].verdict == .candidate && !required.contains($0) }
        guard pool.count > count else { return pool.sorted() }
        var points: [[Double]] = []
        for k in pool {
            let configuration = configurations[k]
            let structure: TrainingStructure
            do {
                structure = try TrainingStructure(
                    configuration: configuration, energy: 0, forces: nil, atomEnergies: nil, settings: settings, name: "candidate")
            } catch {
                throw LearningError("candidate selection: \(error)")
            }
            points.append(describe(structure, elementCount: settings.elements.count))
        }
        normalize(&points)
        let first = required.isEmpty
            ? [pool.indices.max { frames[pool[$0]].deviation < frames[pool[$1]].deviation }!] : Array(required.indices)
        return FarthestPointSampling.select(points, count: count, first: first).map { pool[$0] }.sorted()
    }

    /// Per element (in model order), the mean of each symmetry function over its atoms, concatenated.
    static func describe(_ structure: TrainingStructure, elementCount: Int) -> [Double] {
        let values = structure.values
        var result: [Double] = []
        for e in 0..<elementCount {
            let atoms = structure.atomsOfElement[e], width = values.functionCounts[e]
            var mean = [Double](repeating: 0, count: width)
            for i in atoms {
                for s in 0..<width { mean[s] += values.values[i * values.stride + s] }
            }
            let share = atoms.isEmpty ? 0 : 1 / Double(atoms.count)
            result += mean.map { $0 * share }
        }
        return result
    }

    /// Divides every component by its standard deviation over the points (constant ones left).
    static func normalize(_ points: inout [[Double]]) {
        guard let width = points.first?.count else { return }
        let n = Double(points.count)
        for c in 0..<width {
            let mean = points.reduce(0) { $0 + $1[c] } / n
            let spread = (points.reduce(0) { $0 + ($1[c] - mean) * ($1[c] - mean) } / n).squareRoot()
            guard spread > 0 else { continue }
            for k in points.indices { points[k][c] = (points[k][c] - mean) / spread }
        }
    }
}
