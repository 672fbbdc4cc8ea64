import BasinPotentials
import Foundation
import Testing

@Suite struct StillingerWeberFileTests {
    static let line = "Si Si Si 2.1683 2.0951 1.80 21.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0"

    @Test(arguments: [
        ("Si Si Si 1 2 3\nSi Si Si 1 2 3 4 5 6 7 8 9 10 11", 2, "14 fields"),
        ("Si Si Si 2.1683 2.0951 1.80 21.0", 1, "the file ends after 7"),
        ("Si Si Si 2.1683 2.0951 1.80 21.0 1.20\n -0.333333333333 7.049556277 0.6022245584 four 0.0 0.0", 2, "p must be a finite number, found 'four'"),
        ("Si Si Si 2.1683 -2.0951 1.80 21.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0", 1, "sigma must not be negative"),
        (line + "\n# again\n" + line, 3, "a second entry for Si Si Si"),
        (line + "\nGe Ge Ge 1.93 2.181 1.80 31.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0", nil, "no entry for Si Si Ge"),
        ("Si Si Si 2.1683 2.0951 0 21.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0", 1, "cutoff"),
    ] as [(String, Int?, String)])
    func badFilesAreRejectedWithFileLineAndReason(text: String, line: Int?, reason: String) throws {
        do {
            _ = try StillingerWeber(text: text, file: "bad.sw")
            Issue.record("accepted a bad file")
        } catch {
            #expect(error.file == "bad.sw")
            #expect(error.line == line)
            #expect(error.reason.contains(reason), "\(error.reason)")
        }
    }

    @Test func entriesForOtherElementsAreSkippedWhenElementsAreGiven() throws {
        // The Ge line lacks its mixed triplets, which do not matter for silicon alone.
        let text = Self.line + "\nGe Ge Ge 1.93 2.181 1.80 31.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0"
        let sw = try StillingerWeber(text: text, file: "two.sw", elements: ["Si"])
        #expect(sw.elements == ["Si"])
        #expect(throws: ParameterFileError(file: "two.sw", line: nil, "no entry for C C C: every ordered triplet of C needs one")) {
            try StillingerWeber(text: text, file: "two.sw", elements: ["C"])
        }
    }

    @Test func aMissingFileIsReported() throws {
        let url = URL(fileURLWithPath: "/nonexistent/Si.sw")
        #expect(throws: ParameterFileError(file: url.path, line: nil, "no such file")) { try StillingerWeber(contentsOf: url) }
    }

    @Test func tolShortensThePairCutoffAsLAMMPSDoes() throws {
        let text = "Si Si Si 2.1683 2.0951 1.80 21.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.05"
        let sw = try StillingerWeber(text: text, file: "tol.sw")
        // tol is capped at 0.01; γ ≥ 1, so the shortening is σ / ln(tol).
        #expect(abs(sw.cutoff - (1.8 * 2.0951 + 2.0951 / log(0.01))) < 1e-14)
    }
}
