import BasinToyModel
import BasinPlots
import Foundation

/// SVG plots of toy-model databases and drag tests.
enum ToyPlots {
    /// `energy-histogram.svg` (one histogram line per width, 60 bins over the kept range) and
    /// `energy-vs-width.svg` (every record, with min, mean and max per width) in `directory`.
    static func writeDatabasePlots(_ database: ToyDatabase, summary: DatabaseSummary, directory: String) throws {
        let folder = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let energies = database.records.map(\.energyPerParticle)
        guard let low = energies.min(), let high = energies.max() else { return }
        let bins = 60, span = max(high - low, 1e-12)
        var histogram = SVGPlot(title: "Energy per particle", xLabel: "E/N_p (E_c)", yLabel: "count")
        for row in summary.rows.prefix(SVGPlot.palette.count) {
            var counts = [Int](repeating: 0, count: bins)
            for r in database.records where r.width == row.width {
                counts[min(bins - 1, Int(Double(bins) * (r.energyPerParticle - low) / span))] += 1
            }
            let points = counts.enumerated().map { (x: low + span * (Double($0.offset) + 0.5) / Double(bins), y: Double($0.element)) }
            histogram.add(.init(name: String(format: "w = %.4g", row.width), points: points))
        }
        try histogram.write(to: folder.appendingPathComponent("energy-histogram.svg"))
        var byWidth = SVGPlot(title: "Energy per particle against cell width", xLabel: "w (R_c)", yLabel: "E/N_p (E_c)")
        byWidth.add(.init(name: "records", points: database.records.map { (x: $0.width, y: $0.energyPerParticle) }, style: .scatter))
        byWidth.add(.init(name: "mean", points: summary.rows.map { (x: $0.width, y: $0.meanEnergy) }))
        byWidth.add(.init(name: "min", points: summary.rows.map { (x: $0.width, y: $0.minimumEnergy) }, dashed: true))
        byWidth.add(.init(name: "max", points: summary.rows.map { (x: $0.width, y: $0.maximumEnergy) }, dashed: true))
        try byWidth.write(to: folder.appendingPathComponent("energy-vs-width.svg"))
    }
}
