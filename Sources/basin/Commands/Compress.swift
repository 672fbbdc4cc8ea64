import ArgumentParser
import BasinCompression
import BasinIO
import Foundation

/// `basin compress`: how far a Lennard-Jones minimum can be rounded and still be recovered by
/// Newton's method (Retzlaff, Munson & Di, basin-preserving compression).
struct Compress: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Basin-preserving compression of Lennard-Jones cluster minima.",
        discussion: """
            Structures are clusters in reduced units (ε = σ = 1), read as given (no periodic \
            images). For each minimum: the frame (atoms 1, 2, 3), the radius r₂ of Wang's ball \
            of guaranteed Newton convergence, L** by the shortest-path and random-sampling \
            estimates, c_t (fewest significant bits inside the ball) and c_p (bits from which \
            Newton converges back in practice).
            """,
        subcommands: [CompressAnalyze.self, CompressTable.self, CompressSweep.self])
}

/// Options shared by `compress analyze` and `compress table`.
struct CompressionOptions: ParsableArguments {
    @Option(help: "Random directions K for L**_rand (cut to ⌊5e7 / m²⌋, at least 12, for m = 3n − 6 variables).")
    var samples: Int = 1_000_000

    @Option(help: "Seed of the random directions.")
    var seed: UInt64 = 1

    @Option(help: "Threads.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Significant bits c tested for c_t and c_p, as LO...HI (0...52) in Basin's count (the paper's c is one more).")
    var bits: BitsRange = BitsRange(range: 0...24)

    @Flag(help: "Take r₂ = min{r₀, 2/L**(r₀)} at r₀ = 0.1 instead of refining r.")
    var noRefine = false

    @Option(help: "Frames K factorised and compared by their radius r₂: for each atom 1 in turn, the best by the bound on ‖U′(X*)⁻¹‖ (default 8, or 4 above m = 400).")
    var frameCandidates: Int?

    func validate() throws {
        guard samples >= 1 else { throw ValidationError("--samples must be at least 1") }
        guard (1...1024).contains(threads) else { throw ValidationError("--threads must lie in 1…1024, got \(threads)") }
        guard (frameCandidates ?? 1) >= 1 else { throw ValidationError("--frame-candidates must be at least 1") }
    }

    var settings: CompressionSettings { settings(conventions: .basin) }

    /// The settings under `conventions` (which set the sampling budget; `--bits` stays in
    /// Basin's count).
    func settings(conventions: CompressionConventions) -> CompressionSettings {
        var settings = CompressionSettings()
        settings.samples = samples
        settings.seed = seed
        settings.threads = threads
        settings.bits = bits.range
        settings.refine = !noRefine
        settings.frameCandidates = frameCandidates
        settings.conventions = conventions
        settings.sampleBudget = conventions.sampleBudget
        return settings
    }

    /// The last structure of `path`, in reduced units.
    static func positions(_ path: String) throws -> [SIMD3<Double>] {
        let frames = try StructureFile.read(from: URL(fileURLWithPath: path), units: .lennardJones)
        guard let last = frames.last else { throw CommandError("\(path): the file holds no structure") }
        return last.configuration.positions
    }

    /// The last structure of `path`, with a file error as one line naming the file.
    static func readPositions(_ path: String) throws -> [SIMD3<Double>] {
        do {
            return try positions(path)
        } catch let error as FileFormatError {
            throw CommandError(error.description)
        }
    }

    /// Analyses `path` under `conventions`, with errors naming the file and progress on
    /// standard error.
    func analyze(_ path: String, conventions: CompressionConventions = .basin) throws -> CompressionReport {
        let positions = try Self.readPositions(path)
        var reporter: (stage: CompressionAnalysis.Stage, progress: ProgressReporter)?
        do {
            let report = try CompressionAnalysis.run(positions: positions, settings: settings(conventions: conventions)) { stage, done, total in
                if reporter?.stage != stage {
                    reporter?.progress.finish()
                    reporter = (stage, ProgressReporter(label: "\(path): \(stage.rawValue)", total: total))
                }
                reporter?.progress.update(done)
            }
            reporter?.progress.finish()
            return report
        } catch {
            reporter?.progress.finish()
            throw CommandError("\(path): \(error)")
        }
    }
}

/// `--conventions basin|paper` of `compress analyze`, `table` and `sweep`.
struct ConventionOptions: ParsableArguments {
    @Option(help: "basin: the shortest path moves each atom r/√2 (norm r), c counts the kept mantissa bits. paper: each atom moves r/2, c also counts the leading bit, K = 10⁶ cut only beyond ⌊6e8 / m²⌋ (Retzlaff, Munson & Di).")
    var conventions: CompressionConventions = .basin

    /// One line naming the conventions in force.
    var description: String {
        switch conventions {
        case .basin: return "conventions: basin (shortest path moves each atom r/√2; c = mantissa bits kept after the leading bit)"
        case .paper: return "conventions: paper (shortest path moves each atom r/2; c counts the leading bit; K = 10⁶ up to ⌊6e8/m²⌋)"
        }
    }
}

extension CompressionConventions: ExpressibleByArgument {}

/// A range of significant bits given as `LO...HI` (or one number).
struct BitsRange: ExpressibleByArgument {
    var range: ClosedRange<Int>

    init(range: ClosedRange<Int>) { self.range = range }

    init?(argument: String) {
        let parts = argument.components(separatedBy: "...")
        let numbers = parts.map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count <= 2, numbers.allSatisfy({ $0 != nil }), let lo = numbers.first!, let hi = numbers.last!,
              0 <= lo, lo <= hi, hi <= 52
        else { return nil }
        range = lo...hi
    }

    var defaultValueDescription: String { "\(range.lowerBound)...\(range.upperBound)" }
}

/// The JSON form of a report: the library's report plus c_p's smallest value and the check.
struct CompressionSummary: Encodable {
    var file: String
    var report: CompressionReport
    var smallestConvergingBits: Int?
    var guaranteeHolds: Bool

    init(file: String, report: CompressionReport) {
        self.file = file
        self.report = report
        smallestConvergingBits = report.levels.smallestConvergingBits
        guaranteeHolds = report.levels.guaranteeHolds
    }
}

extension CompressionLevels {
    /// c_p as compact ranges, e.g. "9-24" or "7, 9-24"; "none" when empty.
    var convergingText: String {
        var parts: [String] = []
        var start: Int?, previous: Int?
        for c in convergingBits {
            if let p = previous, c == p + 1 {
                previous = c
                continue
            }
            if let s = start, let p = previous { parts.append(s == p ? "\(s)" : "\(s)-\(p)") }
            start = c
            previous = c
        }
        if let s = start, let p = previous { parts.append(s == p ? "\(s)" : "\(s)-\(p)") }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}
