import ArgumentParser
import BasinIO
import BasinMinima
import BasinOptimize
import BasinPaths
import BasinPotentials
import Foundation

/// `basin connect`: a path of minima and verified transition states between two minima that
/// need not be adjacent, by repeated bands; stored in a minima database.
struct ConnectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect",
        abstract: "Connect two minima by a path of minima and transition states found by repeated bands.",
        discussion: """
            While the two minima are not joined, a band runs between the closest untried pair of \
            known minima (one joined to the start, one to the end); every maximum of the band's \
            energy profile is refined by eigenvector following, and each saddle with exactly one \
            negative Hessian eigenvalue is kept with the two minima its descents reach. The path \
            reported is the one whose highest transition state is lowest. A pair whose band \
            found nothing is tried once more with twice the images. With --database, every \
            minimum and transition state found is stored as one run (see basin db). Ctrl-C stops \
            after the current band step and stores what was found; --resume goes on from the \
            transition states already in the database.

            Example:
              basin connect ico.xyz fcc.xyz --potential lj --cutoff none --permute --database lj38.db --path path.xyz
            """)

    @Argument(help: "Structure file of the first minimum (the last frame is used).")
    var start: String

    @Argument(help: "Structure file of the second minimum.")
    var end: String

    @OptionGroup var potential: PotentialOptions

    @OptionGroup var band: BandOptions

    @Option(help: "Largest number of bands.")
    var maxBands: Int = 30

    @Option(help: "Store the minima and transition states in this minima database (SQLite; created if missing).")
    var database: String?

    @Flag(help: "Go on from the transition states and minima already in --database (e.g. after Ctrl-C).")
    var resume = false

    @Option(help: "Write the path (minima and transition states alternating, with energies) to this extxyz file.")
    var path: String?

    @Flag(help: "Print one JSON document instead of text.")
    var json = false

    struct Summary: Encodable {
        var connected: Bool
        var interrupted: Bool
        var bands: Int
        var minima: [Double]
        var transitionStates: [[String: Double]]
        var pathEnergies: [Double]?
        var highestTransitionState: Double?
        var highestBarrierAboveStart: Double?
        var highestBarrierAboveLowestEnd: Double?
        var seconds: Double
        var database: String?
    }

    func validate() throws {
        guard maxBands >= 1 else { throw ValidationError("--max-bands must be at least 1") }
        if resume, database == nil { throw ValidationError("--resume needs --database, where the earlier run stored its transition states") }
    }

    func run() throws {
        if let path { _ = try StructureFile.Format.forWriting(URL(fileURLWithPath: path), holding: .severalFrames) }
        let store = try database.map { file throws(MinimaDatabaseError) in try MinimaDatabase(path: file) }
        let calculator = try potential.makeCalculator()
        let (ends, first, second) = try band.ends(start, end, units: potential.unitSystem, calculator: calculator)
        let surface = PotentialEnergySurface(configuration: ends.template, calculator: calculator)
        let known = try resume ? store.map { store throws(MinimaDatabaseError) in
            try MinimumConnectionResult(storedIn: store, symbols: ends.template.symbols)
        } : nil
        let connection = MinimumConnection(search: band.search(refine: true), maximumBands: maxBands)
        let progress = ProgressReporter(label: "connect", total: maxBands)
        let interruption = Interruption(acknowledgement: "interrupt: stopping the current band (signal again to quit at once)")
        interruption.start()
        defer { interruption.stop() }
        let clock = Date()
        let cell = ends.template.cell, count = band.images, interpolation = band.interpolation
        var bands = 0
        let result = try connection.connect(
            on: surface, from: first, to: second,
            interpolate: { interpolation.images(from: $0, to: $1, count: count << $2, cell: cell) },
            makeSurface: band.surfaceMaker(for: ends, calculator: calculator),
            shouldStop: { interruption.isRequested }, known: known,
            observer: { step in
                bands += 1
                progress.update(bands)
                if !json {
                    let found = step.transitionStates.isEmpty ? "no new transition state" : "\(step.transitionStates.count) new transition state(s)"
                    Output.note(String(format: "band %ld between minima %ld and %ld: highest image %.6f, %@", bands, step.pair.0, step.pair.1, step.band.highestEnergy, found))
                }
            })
        progress.finish()
        if let store {
            let run = try store.startRun(kind: "connection", parameters: ["images": Double(count), "spring": band.spring, "bands": Double(result.bands)])
            try result.store(in: store, symbols: ends.template.symbols, run: run)
            try store.finishRun(run, steps: result.bands, interrupted: result.interrupted)
        }
        let route = result.path
        if let path, let route {
            var frames: [Frame] = []
            for (k, m) in route.minima.enumerated() {
                let minimum = result.minima[m]
                frames.append(Frame(configuration: ends.configuration(at: minimum.point), energy: minimum.value, info: ["kind": "minimum", "index": "\(m)"]))
                if k < route.transitionStates.count {
                    let ts = result.transitionStates[route.transitionStates[k]].saddle
                    frames.append(Frame(configuration: ends.configuration(at: surface.aligned(ts.point, onto: minimum.point)), energy: ts.value, info: ["kind": "transition-state"]))
                }
            }
            try StructureFile.write(frames, to: URL(fileURLWithPath: path), requiring: .severalFrames)
        }
        let pathEnergies = result.pathEnergies
        let top = result.highestTransitionState
        let summary = Summary(
            connected: result.isConnected, interrupted: result.interrupted, bands: result.bands, minima: result.minima.map { $0.value },
            transitionStates: result.transitionStates.map {
                ["energy": $0.saddle.value, "minimum1": Double($0.minima.0), "minimum2": Double($0.minima.1), "eigenvalue": $0.negativeEigenvalue]
            },
            pathEnergies: pathEnergies, highestTransitionState: top, highestBarrierAboveStart: top.map { $0 - first.value },
            highestBarrierAboveLowestEnd: top.map { $0 - min(first.value, second.value) },
            seconds: Date().timeIntervalSince(clock), database: database)
        if json {
            try Output.json(summary)
        } else {
            print("connected       \(summary.connected ? "yes" : "no") after \(summary.bands) bands")
            print("minima          \(summary.minima.count), transition states \(summary.transitionStates.count)")
            if let pathEnergies { print("path            " + pathEnergies.map { String(format: "%.6f", $0) }.joined(separator: " → ")) }
            if let top { print(String(format: "highest TS      %.6f (%.6f above the lower end)", top, top - min(first.value, second.value))) }
            if let database { print("stored in       \(database)") }
        }
        if result.interrupted, let number = interruption.receivedSignal {
            throw ExitCode(Interruption.exitStatus(for: number))
        }
    }
}
