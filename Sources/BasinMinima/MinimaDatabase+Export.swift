import BasinAtoms
import BasinIO
import Foundation

extension StoredMinimum {
    /// The minimum as an extended-XYZ frame, as ASE writes a structure with an energy: a cluster
    /// (zero cell, no periodicity) with `energy` and the info pairs `id`, `times_found`, and,
    /// when known, `run_id` and `step`. Labels that are not element symbols become dummy species.
    public var frame: Frame {
        var elements: [Element] = []
        var index: [String: Int] = [:]
        let species = symbols.map { symbol in
            if let known = index[symbol] { return known }
            index[symbol] = elements.count
            elements.append((try? Element(symbol: symbol)) ?? .dummy(symbol))
            return elements.count - 1
        }
        var info = ["id": "\(id)", "times_found": "\(timesFound)"]
        if let run { info["run_id"] = "\(run)" }
        if let step { info["step"] = "\(step)" }
        return Frame(
            configuration: Configuration(positions: positions, species: species, elements: elements),
            energy: energy, info: info)
    }
}

extension MinimaDatabase {
    /// Writes the minima that `minima(energyRange:limit:)` returns to an extended XYZ file, one
    /// frame per minimum in order of energy (see `StoredMinimum.frame`), atomically, and
    /// returns how many it wrote.
    ///
    /// Throws `MinimaDatabaseError` when the database cannot be read and `FileFormatError`
    /// when the file cannot be written.
    @discardableResult
    public func exportExtendedXYZ(to url: URL, energyRange: ClosedRange<Double>? = nil, limit: Int? = nil) throws -> Int {
        let frames = try minima(energyRange: energyRange, limit: limit).map(\.frame)
        try ExtendedXYZ.write(frames, to: url)
        return frames.count
    }
}
