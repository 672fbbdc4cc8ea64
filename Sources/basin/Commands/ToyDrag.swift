import ArgumentParser
import BasinIO
import BasinToyModel
import BasinPlots
import Foundation

/// `basin toy drag`: the drag test of a trained toy network.
struct ToyDrag: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drag",
        abstract: "Drag one particle through the cell and compare the model's energy with a network's prediction.",
        discussion: """
            Takes a record of the database (--record) and moves --particle along --axis from 0 \
            to w. Writes drag-energy.svg, drag-slope.svg and drag-eigenvalues.svg to --plots. \
            Example:
              basin toy drag net.json db.json --record 0 --plots drag --json
            """)

    @Argument(help: "A network written by basin toy train.")
    var network: String
    @Argument(help: "A toy database (basin toy generate) holding the starting structure.")
    var database: String
    @Option(help: "Index of the record to start from.")
    var record: Int = 0
    @Option(help: "Index of the particle to drag.")
    var particle: Int = 0
    @Option(help: "Axis of the line: 0 (x), 1 (y) or 2 (z).")
    var axis: Int = 0
    @Option(help: "Steps along the path.")
    var steps: Int = 200
    @Option(help: "Directory for the SVG plots.")
    var plots: String?
    @Flag(help: "Print one JSON document (every point of the path).")
    var json = false

    func run() throws {
        let net: ToyNetwork
        do {
            net = try JSONDecoder().decode(ToyNetwork.self, from: Data(contentsOf: URL(fileURLWithPath: network)))
        } catch {
            throw CommandError("\(network): not a toy network: \(error.localizedDescription)")
        }
        let db = try ToyDatabase.read(from: URL(fileURLWithPath: database))
        guard db.records.indices.contains(record) else { throw CommandError("\(database): no record \(record) (\(db.records.count) records)") }
        let structure = try db.records[record].structure(dimension: db.settings.dimension)
        let points = try DragTest.run(structure, particle: particle, axis: axis, steps: steps, network: net)
        if let plots { try writePlots(points, directory: plots) }
        if json { return try Output.json(points) }
        let mae = points.reduce(0) { $0 + abs($1.trueEnergy - $1.predictedEnergy) } / Double(points.count)
        print(String(format: "%ld points, mean |true − predicted| = %.6g E_c", points.count, mae))
    }

    func writePlots(_ points: [DragTest.Point], directory: String) throws {
        let folder = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let axisName = ["x", "y", "z"][axis]
        var energy = SVGPlot(title: "Drag test: energy per particle", xLabel: "\(axisName) of particle \(particle) (R_c)", yLabel: "E/N_p (E_c)")
        energy.add(.init(name: "model", points: points.map { (x: $0.position, y: $0.trueEnergy) }))
        energy.add(.init(name: "network", points: points.map { (x: $0.position, y: $0.predictedEnergy) }, dashed: true))
        try energy.write(to: folder.appendingPathComponent("drag-energy.svg"))
        var slope = SVGPlot(title: "Drag test: gradient along the line", xLabel: "\(axisName) of particle \(particle) (R_c)", yLabel: "∂(E/N_p)/∂\(axisName) (E_c/R_c)")
        slope.add(.init(name: "model", points: points.map { (x: $0.position, y: $0.trueSlope) }))
        slope.add(.init(name: "network", points: points.map { (x: $0.position, y: $0.predictedSlope) }, dashed: true))
        try slope.write(to: folder.appendingPathComponent("drag-slope.svg"))
        var eigen = SVGPlot(title: "Drag test: proximity-matrix eigenvalues", xLabel: "\(axisName) of particle \(particle) (R_c)", yLabel: "eigenvalue")
        for k in 0..<(points.first?.eigenvalues.count ?? 0) {
            eigen.add(.init(name: "λ\(k)", points: points.map { (x: $0.position, y: $0.eigenvalues[k]) }))
        }
        try eigen.write(to: folder.appendingPathComponent("drag-eigenvalues.svg"))
    }
}
