import BasinAtoms
import BasinIO
import BasinMath
import BasinPotentials
import Foundation

extension SilicaQuickstart {
    /// Frames that show the networks the atoms closer than the reference's dynamics brings them:
    /// copies of the last `closeContactSources` frames of the sample's hottest temperature in
    /// which the closest pair of each element pair is pulled together along its bond (both atoms
    /// moving) to each of `closeContactFractions` of that pair's shortest distance in the sample
    /// (`shortest`, Å), labelled with Vashishta. Vashishta's melt at 6,000 K keeps Si–Si above
    /// 2.2 Å, and below the data the networks extrapolate: a model without such frames let two Si
    /// atoms fall to 1.3 Å in an NVE run at 4,300 K, its networks' attraction outweighing the
    /// baseline's Coulomb repulsion there. With Vashishta's Coulomb and steric terms in the
    /// baseline, what the networks fit in these frames (the charge–dipole and three-body terms)
    /// stays of the size it has elsewhere.
    func closeContacts(of frames: [Frame], shortest: [SpeciesPair: Double]) throws -> [Frame] {
        let s = settings
        let temperatures = frames.map { Double($0.info["temperature"] ?? "") }
        guard !s.closeContactFractions.isEmpty, s.closeContactSources > 0, let hottest = temperatures.compactMap({ $0 }).max() else { return [] }
        let sources = frames.indices.filter { temperatures[$0] == hottest }.suffix(s.closeContactSources)
        let reference = referenceCalculator
        var contacts: [Frame] = []
        for index in sources {
            let source = frames[index].configuration
            for (name, pair) in SilicaStructure.pairs {
                guard let target = shortest[pair], let closest = try Self.closestPair(pair, in: source, below: s.cutoff) else { continue }
                let r = length(closest.separation)
                for fraction in s.closeContactFractions {
                    var c = source
                    c.velocities = nil
                    let shift = closest.separation * ((r - fraction * target) / (2 * r))
                    c.positions[closest.first] += shift
                    c.positions[closest.second] -= shift
                    let evaluation = try reference.evaluate(c, [.energy, .forces])
                    guard evaluation.energy.isFinite, evaluation.forces.allSatisfy({ $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }) else { continue }
                    let comment = String(format: "close contact: %@ pulled to %.3f Å (%.2f of the sample's shortest), from sampled frame %ld", name, fraction * target, fraction, index)
                    contacts.append(Frame(configuration: c, energy: evaluation.energy, forces: evaluation.forces, info: [N2P2Data.commentKey: comment]))
                }
            }
        }
        return contacts
    }

    /// The closest pair of atoms of species `pair` in `configuration` (within `cutoff`, Å), with
    /// the minimum-image vector from the first to the second.
    static func closestPair(
        _ pair: SpeciesPair, in configuration: Configuration, below cutoff: Double
    ) throws -> (first: Int, second: Int, separation: SIMD3<Double>)? {
        let list = NeighborList(cutoff: cutoff, skin: 0, kind: .half)
        try list.build(for: configuration)
        var best: (first: Int, second: Int, r2: Double)?
        list.forEachPair { i, j, r2 in
            guard SpeciesPair(configuration.species[i], configuration.species[j]) == pair, r2 < (best?.r2 ?? .infinity) else { return }
            best = (i, j, r2)
        }
        guard let best else { return nil }
        let d = configuration.cell.minimumImage(configuration.positions[best.second] - configuration.positions[best.first])
        // In a cell narrower than twice the cutoff the list's closest image may not be the minimum one.
        guard abs(dot(d, d) - best.r2) <= 1e-9 * best.r2 else { return nil }
        return (best.first, best.second, d)
    }
}
