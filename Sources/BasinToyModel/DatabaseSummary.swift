/// Per-width statistics of a toy-model database.
public struct DatabaseSummary: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        public var width: Double
        public var count: Int
        /// Energy per particle: least, mean and largest (energy unit of E_c).
        public var minimumEnergy: Double
        public var meanEnergy: Double
        public var maximumEnergy: Double
        /// Mean acceptance over the last 10 epochs and its standard error.
        public var meanAcceptance: Double
        public var acceptanceStandardError: Double
    }

    public var rows: [Row]

    public init(_ database: ToyDatabase) {
        var groups: [Double: [ToyRecord]] = [:]
        for record in database.records { groups[record.width, default: []].append(record) }
        rows = groups.keys.sorted().map { width in
            let group = groups[width]!
            let energies = group.map(\.energyPerParticle), acceptance = group.map(\.acceptance)
            let n = Double(group.count)
            let mean = acceptance.reduce(0, +) / n
            let variance = group.count > 1 ? acceptance.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) : 0
            return Row(
                width: width, count: group.count, minimumEnergy: energies.min()!, meanEnergy: energies.reduce(0, +) / n,
                maximumEnergy: energies.max()!, meanAcceptance: mean, acceptanceStandardError: (variance / n).squareRoot())
        }
    }
}
