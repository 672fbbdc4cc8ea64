@testable import basin
import Testing

/// The progress line of long commands (`basin db compress` weighs minima by m³ work units).
@Suite struct ProgressReporterTests {
    /// The totals of a compress run over 1,364 LJ minima passed 2³¹ and were printed as
    /// `1668659988/1269623159 (94%)`, then as negative numbers.
    @Test func countsBeyondThirtyTwoBitsArePrintedWhole() {
        let line = ProgressReporter.line(label: "lj.db: compress", done: 5_963_594_580, total: 6_294_557_751, elapsed: 60)
        #expect(line.hasPrefix("lj.db: compress: 5963594580/6294557751 (95%), elapsed 1 min 00 s, ETA "), "\(line)")
    }

    @Test func longDurationsAreHoursAndMinutes() {
        #expect(ProgressReporter.format(3 * 3600 + 125) == "3 h 02 min")
        #expect(ProgressReporter.format(1e10) == "2777777 h 46 min")
        // An ETA of 10²⁰ s (one unit of work done out of 10¹⁸) once trapped converting to Int.
        #expect(ProgressReporter.format(1e20) == "more than 10⁸ h")
    }
}
