import BasinPlots
import Foundation

/// The plots a training run writes: its learning curve and the parity of its predictions.
public enum TrainingPlots {
    /// Train and test RMSE of energy per atom and of force components against epoch, log scale,
    /// in thousandths of the data's units (meV/atom and meV/Å for eV and Å).
    public static func learningCurve(_ curve: LearningCurve) -> SVGPlot {
        var plot = SVGPlot(title: "Learning curve", xLabel: "epoch", yLabel: "RMSE (meV/atom, meV/Å)", logY: true)
        let e = curve.epochs
        plot.add(.init(name: "train E (meV/atom)", points: e.map { (Double($0.epoch), 1000 * $0.trainEnergyRMSE) }, color: SVGPlot.palette[0], dashed: true))
        plot.add(.init(name: "test E (meV/atom)", points: e.map { (Double($0.epoch), 1000 * $0.testEnergyRMSE) }, color: SVGPlot.palette[0]))
        plot.add(.init(name: "train F (meV/Å)", points: e.map { (Double($0.epoch), 1000 * $0.trainForceRMSE) }, color: SVGPlot.palette[1], dashed: true))
        plot.add(.init(name: "test F (meV/Å)", points: e.map { (Double($0.epoch), 1000 * $0.testForceRMSE) }, color: SVGPlot.palette[1]))
        return plot
    }

    /// Predicted against reference energy per atom and force components of `test`, side by side,
    /// as one SVG document; `reference` names the reference method on the axes, whose units are
    /// those the structures are tagged with (eV/atom and eV/Å for metal units).
    public static func parity(test: [TrainingStructure], predictions: [Loss.Prediction], reference: String = "reference") -> String {
        let units = test.first?.configuration.units ?? .metal
        let energyUnit = "\(units.energyUnit)/atom", forceUnit = "\(units.energyUnit)/\(units.lengthUnit)"
        var energy = SVGPlot(
            title: "Test set: energy per atom", xLabel: "\(reference) E/N (\(energyUnit))", yLabel: "NNP E/N (\(energyUnit))",
            width: 480, height: 460)
        energy.diagonal = true
        let ep: [(x: Double, y: Double)] = zip(test, predictions).map { s, p in
            (x: s.energy / Double(s.count), y: p.energy / Double(s.count))
        }
        if let lo = ep.map({ min($0.x, $0.y) }).min(), let hi = ep.map({ max($0.x, $0.y) }).max() {
            let pad = 0.03 * max(hi - lo, 1e-6)
            energy.xRange = (lo - pad)...(hi + pad)
            energy.yRange = (lo - pad)...(hi + pad)
        }
        energy.add(.init(name: "E/N", points: ep, style: .scatter))
        var force = SVGPlot(
            title: "Test set: force components", xLabel: "\(reference) F (\(forceUnit))", yLabel: "NNP F (\(forceUnit))",
            width: 480, height: 460)
        force.diagonal = true
        var fp: [(x: Double, y: Double)] = []
        for (s, p) in zip(test, predictions) where s.hasForces {
            for (r, q) in zip(s.forces, p.forces) {
                fp += [(r.x, q.x), (r.y, q.y), (r.z, q.z)]
            }
        }
        // Every component of up to ~3000 points keeps the file small.
        let stride = max(1, fp.count / 3000)
        fp = Swift.stride(from: 0, to: fp.count, by: stride).map { fp[$0] }
        if let lo = fp.map({ min($0.x, $0.y) }).min(), let hi = fp.map({ max($0.x, $0.y) }).max() {
            let pad = 0.03 * max(hi - lo, 1e-6)
            force.xRange = (lo - pad)...(hi + pad)
            force.yRange = (lo - pad)...(hi + pad)
        }
        force.add(.init(name: "F components", points: fp, style: .scatter, color: SVGPlot.palette[1]))
        return SVGPlot.combine([energy, force])
    }
}
