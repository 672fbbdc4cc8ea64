import Foundation

/// One labelled structure of a toy-model database.
public struct ToyRecord: Sendable, Codable, Equatable {
    /// N_p rows of d coordinates (length), inside [0, w)^d.
    public var coordinates: [[Double]]
    /// w (length).
    public var width: Double
    /// E/N_p (energy unit of E_c).
    public var energyPerParticle: Double
    /// d_s used for `energyPerParticle`.
    public var depth: Int
    /// Fraction of accepted moves over the last (up to) 10 relaxation epochs.
    public var acceptance: Double

    public init(coordinates: [[Double]], width: Double, energyPerParticle: Double, depth: Int, acceptance: Double) {
        self.coordinates = coordinates
        self.width = width
        self.energyPerParticle = energyPerParticle
        self.depth = depth
        self.acceptance = acceptance
    }

    /// The record as a structure of dimension `dimension`.
    public func structure(dimension: Int) throws(ToyModelError) -> ToyStructure {
        try ToyStructure(dimension: dimension, width: width, coordinates: coordinates)
    }
}

/// A toy-model database: the settings that produced it and its records, width by width.
public struct ToyDatabase: Sendable, Codable, Equatable {
    public var settings: DatabaseSettings
    public var records: [ToyRecord]

    public init(settings: DatabaseSettings, records: [ToyRecord]) {
        self.settings = settings
        self.records = records
    }

    /// The database as JSON (sorted keys).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    /// Reads and checks a database: valid settings, and every record with N_p rows of d finite
    /// coordinates, a positive width and a finite energy. Errors name the file.
    public static func read(from url: URL) throws(ToyModelError) -> ToyDatabase {
        let file = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .malformedFile(file: file, reason: "cannot read: \(error.localizedDescription)")
        }
        let database: ToyDatabase
        do { database = try JSONDecoder().decode(ToyDatabase.self, from: data) } catch {
            throw .malformedFile(file: file, reason: "not a toy-model database: \(Self.describe(error))")
        }
        do {
            try database.settings.validate()
            for (k, record) in database.records.enumerated() {
                guard record.energyPerParticle.isFinite else { throw ToyModelError.invalidParameter("record \(k): the energy is not finite") }
                do { _ = try record.structure(dimension: database.settings.dimension) } catch {
                    throw ToyModelError.invalidParameter("record \(k): \(error)")
                }
            }
        } catch {
            throw .malformedFile(file: file, reason: "\(error)")
        }
        return database
    }

    /// A one-line account of a decoding error.
    static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .dataCorrupted(let c): return c.underlyingError.map { "\($0.localizedDescription)" } ?? c.debugDescription
        case .keyNotFound(let key, let c): return "missing '\(key.stringValue)' at \(path(c.codingPath))"
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return "\(c.debugDescription) at \(path(c.codingPath))"
        default: return "\(error)"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
