import BasinIO
import BasinSampling
import Foundation

/// The sampled frames as training data: without per-atom energies (the fit uses totals and
/// forces), written whole to `url` in n2p2 format.
func trainingFrames(of sample: ReferenceSample, writingTo url: URL) throws -> [Frame] {
    let frames = sample.frames.map { frame -> Frame in
        var f = frame
        f.atomProperties = []
        return f
    }
    try StructureFile.write(frames, to: url, format: .n2p2)
    return frames
}
