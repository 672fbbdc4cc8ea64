import BasinAtoms
import Foundation
import Testing
import BasinTestSupport
@testable import BasinWorkflows

/// The silicon quickstart pipeline, on a tiny configuration.
@Suite struct QuickstartTests {
    @Test func tinyPipelineWritesEveryFile() throws {
        let directory = try ScratchDirectory.make("basin-quickstart")
        defer { try? FileManager.default.removeItem(at: directory) }
        var stages: [SiliconQuickstart.Stage] = []
        let result = try SiliconQuickstart(settings: .tiny).run(directory: directory) { p in
            if stages.last != p.stage { stages.append(p.stage) }
        }
        #expect(stages == SiliconQuickstart.Stage.allCases)
        #expect(result.frames == 2 * (20 / 5 + 1))
        #expect(result.training.trainStructures + result.training.testStructures == result.frames)
        #expect(result.training.testStructures == 2)
        #expect(result.training.epochs == 2)
        #expect(result.symmetryFunctionCount == 2 + 2 + 2)
        #expect(result.training.testEnergyRMSE.isFinite && result.training.testForceRMSE.isFinite)
        #expect(result.driftMeVPerAtomPerPs.isFinite)
        #expect(result.rdfMaxDifference.isFinite && result.rdfMaxDifference >= 0)
        #expect(result.rdfSamples == 20 / 5)
        #expect(result.shortestDistance > 1.5 && result.shortestDistance < 2.5)
        for name in ["data/input.data", "model/input.nn", "model/scaling.data", "model/weights.014.data", "learning-curve.csv",
                     "learning-curve.svg", "parity.svg", "nve-energy.csv", "g-of-r.csv", "g-of-r.svg", "report.md"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path), "\(name) missing")
        }
        let curve = try String(contentsOf: directory.appendingPathComponent("learning-curve.csv"), encoding: .utf8)
        #expect(curve.split(separator: "\n").count == 1 + 3)  // header, epochs 0, 1, 2
        let rdf = try String(contentsOf: directory.appendingPathComponent("g-of-r.csv"), encoding: .utf8)
        #expect(rdf.split(separator: "\n").count == 1 + 20)
        let svg = try String(contentsOf: directory.appendingPathComponent("parity.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") && svg.contains("<circle"))
        let report = try String(contentsOf: directory.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("test energy RMSE") && report.contains("max |Δg(r)|".replacingOccurrences(of: "|", with: "\\|")))
        // No temporary files left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test func shortestDistanceOfDiamondIsTheBondLength() throws {
        let si = try Element(symbol: "Si")
        let c = try Lattice.diamond.build(element: si, latticeConstant: 5.431, cells: SIMD3(2, 2, 2))
        let d = try SiliconQuickstart.shortestDistance([c], below: 3)
        #expect(abs(d - 5.431 * 3.0.squareRoot() / 4) < 1e-9)
    }
}
