import BasinMath
import BasinTraining
import Foundation
import Testing

/// SIGTERM / SIGINT during `basin train`: the run stops at an epoch boundary, writes its
/// checkpoint, exits with 128 + the signal, and `--resume` ends with the same weights as a run
/// that was never interrupted.
@Suite struct InterruptTests {
    /// Enough epochs of the tiny argon run (TrainCommandTests) to take a few seconds in a
    /// debug build; checkpoints only at the end, so a checkpoint after an interrupt is the
    /// interrupt's.
    static let epochs = 600

    static func config() -> String {
        TrainCommandTests.config(epochs: epochs)
            .replacingOccurrences(of: "checkpoint_every: 2", with: "checkpoint_every: 0")
            .replacingOccurrences(of: "hidden: [4]", with: "hidden: [12, 12]")
            .replacingOccurrences(of: "activations: [t]", with: "activations: [t, t]")
            .replacingOccurrences(of: "batch_size: 2", with: "batch_size: 1")
    }

    /// Runs `basin` and, with a `signal`, sends it `delay` seconds after the process writes
    /// `marker` to standard error (by default its first epoch's report, so the signal lands
    /// inside training, not while the data load; nil: counted from the moment the process has
    /// installed its handler for `signal`, so that a loaded machine's slow start-up cannot
    /// turn the signal into a kill).
    /// Standard error is read while the process runs: a long run's progress lines overflow a
    /// pipe's buffer (`CommandRunner.run` reads it only after standard output ends).
    static func run(_ arguments: [String], signal: Int32? = nil, delay: Double = 0, marker: String? = "epoch 1/") throws
        -> (status: Int32, signaled: Bool, error: String)
    {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardError = pipe
        let text = Buffer()
        let done = DispatchSemaphore(value: 0)
        try process.run()
        Thread.detachNewThread {
            let handle = pipe.fileHandleForReading
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                text.append(data)
            }
            done.signal()
        }
        if let signal {
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline && process.isRunning {
                if let marker, text.contents.contains(marker) { break }
                if marker == nil && Self.handles(signal, processIdentifier: process.processIdentifier) { break }
                Thread.sleep(forTimeInterval: 0.01)
            }
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning {
                if signal == SIGTERM { process.terminate() } else { kill(process.processIdentifier, signal) }
            }
        }
        process.waitUntilExit()
        done.wait()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal, text.contents)
    }

    /// Whether the process has taken over `signal`: Basin's commands catch (libdispatch's
    /// signal source) or ignore a signal they handle once `Interruption.start` has run, which
    /// Linux shows in the SigCgt and SigIgn masks of /proc/PID/status. Before that, the signal's
    /// default action would kill the process instead of stopping it in order. Without /proc: true.
    static func handles(_ signal: Int32, processIdentifier: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(processIdentifier)/status", encoding: .utf8) else {
            return !FileManager.default.fileExists(atPath: "/proc/self/status")
        }
        let bit = UInt64(1) << UInt64(signal - 1)
        return status.split(separator: "\n").contains { line in
            guard line.hasPrefix("SigCgt:") || line.hasPrefix("SigIgn:"),
                let mask = UInt64(line.dropFirst("SigCgt:".count).trimmingCharacters(in: .whitespaces), radix: 16)
            else { return false }
            return mask & bit != 0
        }
    }

    /// Text read on one thread and polled on another.
    final class Buffer: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func append(_ data: Data) {
            lock.lock()
            text += String(decoding: data, as: UTF8.self)
            lock.unlock()
        }
        var contents: String {
            lock.lock()
            defer { lock.unlock() }
            return text
        }
    }

    /// Every file below `folder`, relative paths, sorted.
    static func files(in folder: URL) -> [String] {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: folder.path) else { return [] }
        var names: [String] = []
        while let name = enumerator.nextObject() as? String { names.append(name) }
        return names.sorted()
    }

    /// The weights files of OUTPUT/model, by name.
    static func weights(in run: URL) throws -> [String: Data] {
        let model = run.appendingPathComponent("model")
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: model.path) where name.hasPrefix("weights.") {
            result[name] = try Data(contentsOf: model.appendingPathComponent(name))
        }
        return result
    }

    /// The learning curve without its wall-clock column.
    static func curveWithoutSeconds(in run: URL) throws -> [String] {
        let rows = try String(contentsOf: run.appendingPathComponent("learning-curve.csv"), encoding: .utf8).split(separator: "\n")
        let seconds = rows.first?.split(separator: ",").firstIndex(of: "seconds")
        return rows.map { row in
            row.split(separator: ",").enumerated().filter { $0.offset != seconds }.map(\.element).joined(separator: ",")
        }
    }

    @Test func interruptedAndResumedRunsEndWithTheUninterruptedWeights() throws {
        // The uninterrupted reference.
        let reference = try TrainCommandTests.setUp(config: Self.config())
        defer { try? FileManager.default.removeItem(at: reference) }
        let started = Date()
        let full = try Self.run(["train", reference.appendingPathComponent("config.yaml").path])
        let duration = Date().timeIntervalSince(started)
        #expect(full.status == 0, "\(full.error)")
        let referenceRun = reference.appendingPathComponent("run")
        let referenceWeights = try Self.weights(in: referenceRun)
        #expect(!referenceWeights.isEmpty)
        let referenceCheckpoint = try TrainingCheckpoint.read(from: referenceRun.appendingPathComponent("checkpoint.json"))
        #expect(referenceCheckpoint.epoch == Self.epochs)

        // Two seeded random moments, one early (0.3-0.9 s) and one late (0.9-1.5 s) in the
        // run; a full run takes about 1.5 s in an idle debug build. The delays count from the
        // first epoch's report and stay below 30 % and 60 % of the reference run's time, so
        // they land inside the run on a faster machine too.
        var generator = SeededGenerator(seed: 11)
        for (signal, earliest, share) in [(SIGTERM, 0.3, 0.3), (SIGINT, 0.9, 0.6)] {
            let delay = min(earliest + 0.6 * generator.uniform(), share * duration)
            let folder = try TrainCommandTests.setUp(config: Self.config())
            defer { try? FileManager.default.removeItem(at: folder) }
            let config = folder.appendingPathComponent("config.yaml").path
            let run = folder.appendingPathComponent("run")

            let stopped = try Self.run(["train", config], signal: signal, delay: delay)
            let expectedStatus: Int32 = signal == SIGINT ? 130 : 143
            #expect(!stopped.signaled && stopped.status == expectedStatus, "signal \(signal) after \(delay) s: status \(stopped.status)\n\(stopped.error)")
            let checkpoint = try TrainingCheckpoint.read(from: run.appendingPathComponent("checkpoint.json"))
            #expect(checkpoint.epoch > 0 && checkpoint.epoch < Self.epochs, "stopped at epoch \(checkpoint.epoch)")
            #expect(checkpoint.learningCurve.epochs.count == checkpoint.epoch + 1)
            let last = try #require(stopped.error.split(separator: "\n").last.map(String.init))
            #expect(last.hasPrefix("interrupted at epoch \(checkpoint.epoch); checkpoint written to ")
                && last.hasSuffix("; continue with --resume"), "\(last)")
            // The curve on disk matches the checkpoint; no model yet; nothing temporary.
            #expect(try Self.curveWithoutSeconds(in: run).count == checkpoint.epoch + 2)
            #expect(Self.files(in: run) == ["checkpoint.json", "learning-curve.csv"], "\(Self.files(in: run))")

            let resumed = try Self.run(["train", config, "--resume"])
            #expect(resumed.status == 0, "\(resumed.error)")
            #expect(try Self.weights(in: run) == referenceWeights, "signal \(signal) at epoch \(checkpoint.epoch)")
            let final = try TrainingCheckpoint.read(from: run.appendingPathComponent("checkpoint.json"))
            #expect(final.parameters == referenceCheckpoint.parameters && final.bestParameters == referenceCheckpoint.bestParameters)
            #expect(try Self.curveWithoutSeconds(in: run) == Self.curveWithoutSeconds(in: referenceRun))
            let leftovers = Self.files(in: run).filter { name in
                name.split(separator: "/").contains { $0.hasPrefix(".") || $0.contains("tmp") || $0.contains("partial") }
            }
            #expect(leftovers.isEmpty, "\(leftovers)")
            #expect(Self.files(in: run) == Self.files(in: referenceRun))
        }
    }

    /// A run that finishes has nothing to resume: the interruption flag changes nothing and
    /// the model folder is replaced whole.
    @Test func rerunReplacesTheModelFolderWhole() throws {
        let folder = try TrainCommandTests.setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config.yaml").path
        let model = folder.appendingPathComponent("run/model")
        #expect(try CommandRunner.run(["train", config]).status == 0)
        try Data("stale".utf8).write(to: model.appendingPathComponent("weights.010.data"))
        #expect(try CommandRunner.run(["train", config]).status == 0)
        #expect(Self.files(in: model) == ["input.nn", "scaling.data", "weights.018.data"], "\(Self.files(in: model))")
        #expect(Self.files(in: folder.appendingPathComponent("run")).allSatisfy { !$0.hasPrefix(".") })
    }

    /// `basin hop` stops after the current step and still writes its minima and database run.
    @Test func hopStopsAfterTheCurrentStepAndWritesWhatItFound() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("minima.db").path
        let minima = folder.appendingPathComponent("minima.extxyz").path
        let stopped = try Self.run(
            ["hop", "--atoms", "38", "--steps", "100000000", "--seed", "2", "--database", database, "--minima", minima],
            signal: SIGINT, delay: 1.5, marker: nil)
        #expect(!stopped.signaled && stopped.status == 130, "status \(stopped.status)\n\(stopped.error)")
        #expect(stopped.error.contains("interrupted after step"), "\(stopped.error)")
        let frames = try String(contentsOfFile: minima, encoding: .utf8)
        #expect(frames.hasPrefix("38\n"))
        let list = try CommandRunner.run(["db", "list", "--database", database, "--json"])
        #expect(list.status == 0, "\(list.error)")
        #expect(list.output.contains("-1"), "\(list.output)")
    }
}
