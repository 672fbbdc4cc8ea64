import Foundation

extension TrainingJob {
    /// The jobs of a committee of `size` models trained on the same data: member m (1-based)
    /// writes into `output/member-m` and starts from weight seed `training.seed + m − 1`, while
    /// every member keeps this job's train/test split (`splitSeed`). Member 1 is this job's run.
    public func committee(size: Int) -> [TrainingJob] {
        precondition(size >= 1, "a committee has at least one member")
        return (1...size).map { m in
            var member = self
            member.output = output.appendingPathComponent("member-\(m)")
            member.splitSeed = splitSeed ?? training.seed
            member.training.seed = training.seed &+ UInt64(m - 1)
            return member
        }
    }

    /// Whether `output` holds a checkpoint a resumed run can continue.
    public var hasCheckpoint: Bool { FileManager.default.fileExists(atPath: checkpointURL.path) }
}
