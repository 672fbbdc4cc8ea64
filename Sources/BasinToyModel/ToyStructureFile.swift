import Foundation

/// The JSON form of one toy structure: `{"dimension": 2, "width": 5, "coordinates": [[x, y], …]}`.
/// A structure file holds one such object or an array of them.
public struct ToyStructureFile: Sendable, Codable, Equatable {
    public var dimension: Int
    public var width: Double
    public var coordinates: [[Double]]

    public init(_ structure: ToyStructure) {
        dimension = structure.dimension
        width = structure.width
        coordinates = structure.coordinates
    }

    /// Reads one structure or an array of structures; errors name the file (and the entry).
    public static func read(from url: URL) throws(ToyModelError) -> [ToyStructure] {
        let file = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .malformedFile(file: file, reason: "cannot read: \(error.localizedDescription)")
        }
        let decoder = JSONDecoder()
        let entries: [ToyStructureFile]
        if let one = try? decoder.decode(ToyStructureFile.self, from: data) {
            entries = [one]
        } else {
            do { entries = try decoder.decode([ToyStructureFile].self, from: data) } catch {
                throw .malformedFile(file: file, reason: "not a toy structure (or array of them): \(ToyDatabase.describe(error))")
            }
        }
        var structures: [ToyStructure] = []
        for (k, entry) in entries.enumerated() {
            do { structures.append(try ToyStructure(dimension: entry.dimension, width: entry.width, coordinates: entry.coordinates)) } catch {
                throw .malformedFile(file: file, reason: entries.count > 1 ? "structure \(k): \(error)" : "\(error)")
            }
        }
        return structures
    }
}
