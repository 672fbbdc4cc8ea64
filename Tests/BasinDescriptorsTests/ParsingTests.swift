import BasinAtoms
import BasinDescriptors
import Testing

/// n2p2 `symfunction_short` lines and n2p2's sort order.
@Suite struct ParsingTests {
    let parser = SymmetryFunctionParser(cutoffKind: .polynomial2, alpha: 0)

    @Test func goodLines() throws {
        let (central, radial) = try parser.parse("symfunction_short H 2 O 0.15 0.9 12.00  # comment", line: 1)
        #expect(central == Fixtures.hydrogen)
        #expect(radial == .radial(RadialSymmetryFunction(
            neighbor: Fixtures.oxygen, eta: 0.15, shift: 0.9, cutoff: CutoffFunction(kind: .polynomial2, radius: 12))))
        let (_, angular) = try parser.parse("symfunction O 9 O H 2.222E-01 -1 1.000E+00 6.000E+00 0.5", line: 2)
        guard case .angular(let g) = angular else { Issue.record("not angular"); return }
        // Neighbor elements are stored in atomic-number order; r_s defaults to 0 when absent.
        #expect(g.isWide && g.e1 == Fixtures.hydrogen && g.e2 == Fixtures.oxygen)
        #expect(g.eta == 0.2222 && g.lambda == -1 && g.zeta == 1 && g.shift == 0.5 && g.cutoff.radius == 6)
        let (_, narrow) = try parser.parse("symfunction_short\tO 3 H H 0.07 -1.0 1.0 12.00000", line: 3)
        guard case .angular(let n) = narrow else { Issue.record("not angular"); return }
        #expect(!n.isWide && n.shift == 0 && n.prefactor == 1)
    }

    /// RuNNer's radial types 1 (f_c only) and 4 (cos(κr) f_c).
    @Test func runnerRadialTypes() throws {
        let cutoff = CutoffFunction(kind: .polynomial2, radius: 6)
        let (_, g1) = try parser.parse("symfunction_short O 1 H 6.0", line: 1)
        #expect(g1 == .radial(RadialSymmetryFunction(neighbor: Fixtures.hydrogen, form: .cutoffOnly, cutoff: cutoff)))
        #expect(g1.typeCode == 1)
        let (_, g3) = try parser.parse("symfunction_short O 4 O 1.25 6.0", line: 2)
        #expect(g3 == .radial(RadialSymmetryFunction(neighbor: Fixtures.oxygen, form: .cosine(kappa: 1.25), cutoff: cutoff)))
        guard case .radial(let r) = g3 else { Issue.record("not radial"); return }
        #expect(g3.typeCode == 4 && r.eta == 0 && r.shift == 0)
    }

    /// Every type writes a line that reads back to the same function.
    @Test func settingsLinesReadBack() throws {
        for set in Fixtures.sets(.cosine, alpha: 0.25) {
            for f in set.functions {
                let line = f.settingsLine(central: set.central)
                let (central, back) = try SymmetryFunctionParser(cutoffKind: .cosine, alpha: 0.25).parse(line, line: 1)
                #expect(central == set.central && back == f, "\(line)")
            }
        }
        let text = SymmetryFunctionSet.settings(Fixtures.sets(.cosine, alpha: 0.25))
        #expect(text.hasPrefix("cutoff_type 1 0.25\n"))
        #expect(try SymmetryFunctionSet.parse(settings: text) == Fixtures.sets(.cosine, alpha: 0.25))
    }

    @Test(arguments: [
        "symfunction_short H 2 O 0.15 0.9",
        "symfunction_short H 2 Qq 0.15 0.9 12.0",
        "symfunction_short H 3 O O 0.1 0.5 1.0 6.0",
        "symfunction_short H 3 O O 0.1 1 0.5 6.0",
        "symfunction_short H 9 O O 0.1 1 2.0 abc",
        "symfunction_short H 2 O -0.1 0.0 6.0",
        "symfunction_short H 2 O 0.1 0.0 0.0",
        "symfunction_short H 12 0.1 0.0 6.0",
        "symfunction_short H 1 O 0.1 6.0",
        "symfunction_short H 1 O",
        "symfunction_short H 4 O 6.0",
        "symfunction_short H 4 O -1.0 6.0",
        "symfunction_short H 4 O 1.0 0.0",
        "symfunction_short H",
        "cutoff_type 2",
    ])
    func badLines(_ line: String) {
        #expect(throws: SymmetryFunctionParseError.self) { try parser.parse(line, line: 5) }
        do {
            _ = try parser.parse(line, line: 5)
        } catch {
            #expect(error.line == 5 && !error.reason.isEmpty)
        }
    }

    @Test func errorNamesTheLineInAFile() {
        let text = "elements H O\nsymfunction_short H 2 H 0.1 0 6\nsymfunction_short O 2 H 0.1 0\n"
        #expect(throws: SymmetryFunctionParseError(line: 3, reason: "type 2 takes <e1> <eta> <rs> <rc>, got 3 values")) {
            try SymmetryFunctionSet.parse(text, cutoffKind: .cosine)
        }
    }

    /// n2p2's order: type (1 < 2 < 3 < 4 < 9), then r_c, η, r_s (κ for type 4), (ζ, λ,) elements
    /// by atomic number (H before O).
    @Test func sortOrder() throws {
        let text = """
            symfunction_short O 9 H H 0.01 1 1.0 6.0
            symfunction_short O 3 O H 0.01 1 1.0 6.0
            symfunction_short O 3 H H 0.01 1 1.0 6.0
            symfunction_short O 3 H H 0.01 -1 1.0 6.0
            symfunction_short O 3 H H 0.01 1 4.0 6.0
            symfunction_short O 3 H H 0.01 1 1.0 6.0 0.5
            symfunction_short O 3 H H 0.10 1 1.0 6.0
            symfunction_short O 3 H H 0.01 1 1.0 5.0
            symfunction_short O 2 O 0.1 0.0 6.0
            symfunction_short O 2 H 0.1 0.0 6.0
            symfunction_short O 2 H 0.1 1.0 6.0
            symfunction_short O 2 H 0.5 0.0 6.0
            symfunction_short O 2 H 0.5 0.0 4.0
            symfunction_short H 2 O 0.1 0.0 6.0
            symfunction_short O 4 O 0.5 6.0
            symfunction_short O 4 H 1.5 6.0
            symfunction_short O 4 H 0.5 6.0
            symfunction_short O 1 O 6.0
            symfunction_short O 1 H 6.0
            symfunction_short O 1 H 5.0
            """
        let sets = try SymmetryFunctionSet.parse(text, cutoffKind: .tanhUnnormalized)
        #expect(sets.map(\.central) == [Fixtures.hydrogen, Fixtures.oxygen])
        // Expected positions, as 0-based line numbers of the text above.
        let lines = text.split(separator: "\n").map { try! parser.parse(String($0), line: 0).function }
        let expected = [19, 18, 17, 12, 9, 8, 10, 11, 7, 3, 2, 1, 4, 5, 6, 16, 14, 15, 0]
        #expect(sets[1].functions.map(describe) == expected.map { describe(lines[$0]) })
    }

    func describe(_ f: SymmetryFunction) -> String { f.settingsLine(central: Fixtures.oxygen) }
}
