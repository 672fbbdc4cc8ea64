import BasinIO
import BasinSampling
import Foundation

/// The sampled frames and `extra` ones as training data: without per-atom energies (the fit
/// uses totals and forces), written whole to `url` in n2p2 format.
func trainingFrames(of sample: ReferenceSample, adding extra: [Frame] = [], writingTo url: URL) throws -> [Frame] {
    let frames = (sample.frames + extra).map { frame -> Frame in
        var f = frame
        f.atomProperties = []
        return f
    }
    try StructureFile.write(frames, to: url, format: .n2p2)
    return frames
}
