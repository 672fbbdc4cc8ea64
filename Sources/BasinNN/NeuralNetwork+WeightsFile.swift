import BasinText
import Foundation

/// n2p2's `weights.XXX.data` files (NeuralNetwork.cpp `writeConnections`; read by
/// Mode::readNeuralNetworkWeights through utility.cpp `readColumnsFromFile`).
///
/// One parameter per line in `parameters` order, written `%24.16E` followed by n2p2's
/// informational columns: `a index l_s n_s l_e n_e` for a weight (0-based source layer, 1-based
/// neurons) and `b index l n` for a bias, under n2p2's fixed comment header. Reading keeps only
/// the first column, skips blank lines and lines starting with `#`, and (stricter than n2p2,
/// which does not check) requires exactly `parameterCount` numbers.
extension NeuralNetwork {
    /// n2p2's file name for the network of the element with this atomic number,
    /// `weights.%03d.data` (H → `weights.001.data`).
    public static func weightsFileName(atomicNumber: Int) -> String {
        String(format: "weights.%03ld.data", atomicNumber)
    }

    /// The file's text, byte for byte as n2p2 writes it.
    public func weightsFileText() -> String {
        var text = Self.weightsHeader
        var index = 0
        for l in 1...outputLayer {
            for j in 0..<layerSizes[l - 1] {
                for k in 0..<layerSizes[l] {
                    index += 1
                    text += String(format: "%24.16E a %9ld %5ld %5ld %5ld %5ld\n",
                                   self[weight: l, from: j, to: k], index, l - 1, j + 1, l, k + 1)
                }
            }
            for k in 0..<layerSizes[l] {
                index += 1
                text += String(format: "%24.16E b %9ld %5ld %5ld\n", self[bias: l, neuron: k], index, l, k + 1)
            }
        }
        return text
    }

    /// Writes the parameters to `url` (through a temporary file renamed into place).
    public func writeWeights(to url: URL) throws(NeuralNetworkError) {
        do {
            try Data(weightsFileText().utf8).write(to: url, options: .atomic)
        } catch {
            throw .weightsFile(file: url.path, line: nil, reason: "cannot write: \(error.localizedDescription)")
        }
    }

    /// Replaces the parameters by those in the file at `url`.
    public mutating func readWeights(from url: URL) throws(NeuralNetworkError) {
        let text: String
        do {
            text = try TextFile.contents(of: url)
        } catch {
            throw .weightsFile(file: error.file, line: error.line, reason: error.reason)
        }
        parameters = try Self.parseWeights(text, file: url.path, expectedCount: parameterCount)
    }

    /// The numbers of a weights file's text (a byte-order mark and `\r\n` line ends accepted);
    /// `file` names it in errors.
    public static func parseWeights(_ text: String, file: String, expectedCount: Int) throws(NeuralNetworkError) -> [Double] {
        let text = TextFile.normalized(text)
        var values: [Double] = []
        values.reserveCapacity(min(expectedCount, text.utf8.count / 2 + 1))
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard let first = trimmed.first, first != "#", first != "\r" else { continue }
            let token = trimmed.prefix { $0 != " " && $0 != "\t" && $0 != "\r" }
            guard let value = Double(token), value.isFinite else {
                throw .weightsFile(file: file, line: number + 1, reason: "expected a finite number, found '\(TextExcerpt.quote(token))'")
            }
            guard values.count < expectedCount else {
                throw .weightsFile(file: file, line: number + 1, reason: "more than the network's \(expectedCount) parameters")
            }
            values.append(value)
        }
        guard values.count == expectedCount else {
            throw .weightsFile(file: file, line: nil, reason: "found \(values.count) parameters, the network has \(expectedCount)")
        }
        return values
    }

    /// n2p2's header (createFileHeader output for `writeConnections`).
    static let weightsHeader = """
        ################################################################################
        # Neural network connection values (weights and biases).
        ################################################################################
        # Col  Name       Description
        ################################################################################
        # 1    connection Neural network connection value.
        # 2    t          Connection type (a = weight, b = bias).
        # 3    index      Index enumerating weights.
        # 4    l_s        Starting point layer (end point layer for biases).
        # 5    n_s        Starting point neuron in starting layer (end point neuron for biases).
        # 6    l_e        End point layer.
        # 7    n_e        End point neuron in end layer.
        ################################################################################
        #                      1 2         3     4     5     6     7
        #             connection t     index   l_s   n_s   l_e   n_e
        ############################################################

        """
}
