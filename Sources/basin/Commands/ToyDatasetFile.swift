import BasinAtoms
import BasinIO
import BasinMath
import BasinToyModel

/// Toy-model records as Basin datasets: extxyz frames in reduced units with the cell's total
/// energy; a 2-D record becomes a frame with z = 0 and a non-periodic z axis (of length w).
enum ToyDatasetFile {
    static func frame(_ record: ToyRecord, dimension: Int) throws -> Frame {
        let structure = try record.structure(dimension: dimension)
        let w = record.width
        let cell = Cell.orthorhombic(SIMD3(w, w, w), periodic: [true, true, dimension == 3])
        let configuration = try Configuration(
            symbols: Array(repeating: "X", count: structure.count), positions: structure.positions, cell: cell, units: .lennardJones)
        return Frame(
            configuration: configuration, energy: record.energyPerParticle * Double(structure.count),
            info: ["energy_per_particle": "\(record.energyPerParticle)", "depth": "\(record.depth)", "acceptance": "\(record.acceptance)"])
    }

    /// The whole database as extxyz text; `file` names the destination in errors.
    static func extxyz(_ database: ToyDatabase, file: String) throws -> String {
        let frames = try database.records.map { try frame($0, dimension: database.settings.dimension) }
        return try ExtendedXYZ.text(for: frames, file: file)
    }
}
