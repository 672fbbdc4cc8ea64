import BasinNNP
import BasinText
import Foundation

/// The Basin part of a KIM portable model's parameter files, `basin-kim.params`: the n2p2
/// model's unit conversion as LAMMPS's `pair_style hdnnp` states it, relative to Å and eV:
///
///     cflength 1.8897261328    # model length per Å
///     cfenergy 0.0367493254    # model energy per eV
///
/// Blank lines and text after `#` are ignored; a missing keyword means 1.
public struct KIMParameters: Sendable, Equatable {
    public static let fileName = "basin-kim.params"

    /// Model length per Å (> 0).
    public var lengthFactor: Double
    /// Model energy per eV (> 0).
    public var energyFactor: Double

    public init(lengthFactor: Double = 1, energyFactor: Double = 1) {
        self.lengthFactor = lengthFactor
        self.energyFactor = energyFactor
    }

    /// Reads the file; a line it cannot use throws with the file and line.
    public init(contentsOf url: URL) throws(ModelFileError) {
        let text: String
        do {
            text = try TextFile.contents(of: url)
        } catch {
            throw ModelFileError(file: error.file, line: error.line, reason: error.reason)
        }
        self.init()
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = raw.prefix { $0 != "#" }.split(whereSeparator: \.isWhitespace)
            guard let keyword = words.first else { continue }
            guard words.count == 2, let value = Double(words[1]), value.isFinite, value > 0 else {
                throw ModelFileError(file: url.path, line: index + 1, reason: "expected '\(keyword) VALUE' with a positive number")
            }
            switch keyword {
            case "cflength": lengthFactor = value
            case "cfenergy": energyFactor = value
            default: throw ModelFileError(file: url.path, line: index + 1, reason: "unknown keyword '\(keyword)' (cflength, cfenergy)")
            }
        }
    }

    /// The file's text, with round-trip precision.
    public var text: String {
        """
        # Basin KIM model: unit conversion of the n2p2 model files (as LAMMPS pair_style hdnnp)
        cflength \(lengthFactor)    # model length per Å
        cfenergy \(energyFactor)    # model energy per eV

        """
    }
}
