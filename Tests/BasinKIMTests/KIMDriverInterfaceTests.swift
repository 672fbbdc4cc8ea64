import BasinAtoms
import BasinKIM
import BasinMath
import BasinNNP
import BasinPotentials
import BasinTestSupport
import Foundation
import Testing

/// The driver's C ABI as a simulator calls it: a periodic H/O structure handed over as a domain
/// with halo atoms (Basin's own periodic images, in a scrambled order), against
/// `NeuralNetworkPotential.evaluate` on the periodic structure.
@Suite struct KIMDriverInterfaceTests {
    /// A synthetic model with `basin-kim.params` in a fresh folder.
    static func modelFolder(_ parameters: KIMParameters) throws -> URL {
        let folder = try ScratchDirectory.make("basin-kim").appendingPathComponent("model")
        try SyntheticModel.make().write(to: folder)
        try Data(parameters.text.utf8).write(to: folder.appendingPathComponent(KIMParameters.fileName))
        return folder
    }

    /// Particles as a simulator holds them: the extended atoms of a periodic neighbor list, in
    /// the order `order` (a permutation of extended indices), with full lists for the locals.
    struct Domain {
        var species: [Int32] = [], contributing: [Int32] = [], coordinates: [Double] = []
        var offsets: [Int32] = [0], neighbors: [Int32] = []
        /// The local atom each particle images.
        var owner: [Int] = []

        init(_ list: NeighborList, order: [Int]) {
            var particleOf = [Int](repeating: 0, count: order.count)
            for (p, e) in order.enumerated() { particleOf[e] = p }
            var rows = [[Int32]](repeating: [], count: list.extendedCount)
            for chunk in list.chunks {
                for i in chunk.atoms {
                    let row = i - chunk.atoms.lowerBound
                    rows[i] = chunk.neighbors[Int(chunk.offsets[row])..<Int(chunk.offsets[row + 1])].map { Int32(particleOf[Int($0)]) }
                }
            }
            for e in order {
                species.append(list.species[e])
                contributing.append(e < list.localCount ? 1 : 0)
                coordinates += [list.positions[e].x, list.positions[e].y, list.positions[e].z]
                neighbors += rows[e]
                offsets.append(Int32(neighbors.count))
                owner.append(Int(list.owners[e]))
            }
        }
    }

    /// A NUL-terminated C string as text.
    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    struct Output {
        var status: Int32 = 0, energy = 0.0, message = ""
        var forces: [Double] = [], particleEnergies: [Double] = [], virial = [Double](repeating: 0, count: 6)
    }

    static func compute(_ handle: UnsafeMutableRawPointer, _ d: Domain) -> Output {
        let n = d.species.count
        var out = Output(forces: [Double](repeating: .nan, count: 3 * n), particleEnergies: [Double](repeating: .nan, count: n))
        var message = [CChar](repeating: 0, count: 256)
        out.status = basinKIMCompute(
            handle, Int32(n), d.species, d.contributing, d.coordinates, d.offsets, d.neighbors,
            &out.energy, &out.forces, &out.particleEnergies, &out.virial, &message, 256)
        out.message = Self.text(message)
        return out
    }

    @Test(arguments: [false, true])
    func matchesThePotentialWithHaloAtoms(scrambled: Bool) throws {
        let parameters = KIMParameters(lengthFactor: 1.3, energyFactor: 0.7)
        let folder = try Self.modelFolder(parameters)
        defer { try? FileManager.default.removeItem(at: folder) }
        // The simulator works in nm and kJ/mol: its units per Å and per eV.
        let lengthScale = 0.1, energyScale = 96.485332
        var message = [CChar](repeating: 0, count: 256)
        let handle = try #require(basinKIMCreate(folder.path, lengthScale, energyScale, &message, 256))
        defer { basinKIMDestroy(handle) }
        let potential = NeuralNetworkPotential(
            model: SyntheticModel.make(), units: .metal, lengthFactor: 1.3 / lengthScale, energyFactor: 0.7 / energyScale)
        #expect(abs(basinKIMCutoff(handle) - potential.cutoff) < 1e-15)
        #expect(basinKIMSpeciesCount(handle) == 2)
        var symbol = [CChar](repeating: 0, count: 8)
        basinKIMSpeciesSymbol(handle, 1, &symbol, 8)
        #expect(Self.text(symbol) == "O")

        var structure = SyntheticModel.structure(periodic: true)
        structure.positions = structure.positions.map { $0 * lengthScale }
        structure.cell = Cell(vectors: lengthScale * structure.cell.spanningVectors)
        let reference = try Calculator(potential: potential).evaluate(structure, [.energy, .forces, .virial, .perAtomEnergies])
        let list = NeighborList(cutoff: potential.cutoff, kind: .full)
        try list.build(for: structure)
        #expect(list.extendedCount > 3 * list.localCount, "the structure needs halo atoms")
        var order = Array(0..<list.extendedCount)
        if scrambled {
            var generator = SeededGenerator(seed: 5)
            order.shuffle(using: &generator)
        }
        let domain = Domain(list, order: order)
        let out = Self.compute(handle, domain)
        #expect(out.status == 0, "\(out.message)")

        #expect(abs(out.energy - reference.energy) <= 1e-13 * abs(reference.energy))
        // Halo forces summed onto their owners, as the simulator does.
        var forces = [SIMD3<Double>](repeating: .zero, count: structure.count)
        for p in domain.owner.indices {
            forces[domain.owner[p]] += SIMD3(out.forces[3 * p], out.forces[3 * p + 1], out.forces[3 * p + 2])
        }
        let scale = reference.forces.map { ($0 * $0).sum().squareRoot() }.max()!
        for i in 0..<structure.count {
            let d = forces[i] - reference.forces[i]
            #expect((d * d).sum().squareRoot() <= 1e-12 * scale, "atom \(i)")
        }
        for p in domain.owner.indices {
            let expected = domain.contributing[p] != 0 ? reference.perAtomEnergies[domain.owner[p]] : 0
            #expect(abs(out.particleEnergies[p] - expected) <= 1e-13 * abs(reference.energy))
        }
        let w = reference.virial
        let voigt = [w[0, 0], w[1, 1], w[2, 2], w[1, 2], w[0, 2], w[0, 1]].map { -$0 }
        for k in 0..<6 { #expect(abs(out.virial[k] - voigt[k]) <= 1e-12 * w.maxMagnitude, "virial \(k)") }
    }

    @Test func refusesWhatItCannotServe() throws {
        var message = [CChar](repeating: 0, count: 256)
        let missing = try ScratchDirectory.make("basin-kim-missing").appendingPathComponent("model")
        #expect(basinKIMCreate(missing.path, 1, 1, &message, 256) == nil)
        #expect(Self.text(message).contains(KIMParameters.fileName))

        let folder = try Self.modelFolder(KIMParameters())
        defer { try? FileManager.default.removeItem(at: folder) }
        let handle = try #require(basinKIMCreate(folder.path, 1, 1, &message, 256))
        defer { basinKIMDestroy(handle) }
        let structure = SyntheticModel.structure(periodic: false)
        let list = NeighborList(cutoff: basinKIMCutoff(handle), kind: .full)
        try list.build(for: structure)
        var domain = Domain(list, order: Array(0..<list.extendedCount))
        domain.species[2] = 7
        let out = Self.compute(handle, domain)
        #expect(out.status == 1)
        #expect(out.message == "particle 2 has species code 7; the model has 2 species")
    }

    @Test func parameterFileErrorsNameTheLine() throws {
        let file = try ScratchDirectory.make("basin-kim").appendingPathComponent("model.params")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("cflength 1.5\ncfenergy -2\n".utf8).write(to: file)
        #expect(throws: ModelFileError(file: file.path, line: 2, reason: "expected 'cfenergy VALUE' with a positive number")) {
            try KIMParameters(contentsOf: file)
        }
        let written = KIMParameters(lengthFactor: 1.8897261328, energyFactor: 0.0367493254)
        try Data(written.text.utf8).write(to: file)
        #expect(try KIMParameters(contentsOf: file) == written)
    }
}
