import Testing
@testable import BasinTraining

/// Every key every registered training method reads, set to values a configuration can hold
/// (zero, negative, huge, fractional, a word), gives a method or a `TrainingError` naming the
/// key — never a trap in a precondition of the optimizers below.
@Suite struct UpdaterOptionTests {
    static let numbers: [Double] = [0, -1, 0.5, 1, 1.5, 2, 1e308, -1e308, 1e-300, 3]
    static let schedules = ["constant", "step", "exponential", "plateau", "cosine"]

    @Test(arguments: TrainingUpdaters.all.map { $0.name })
    func everyOptionValueIsAcceptedOrRefusedInWords(method: String) {
        let type = TrainingUpdaters.type(named: method)!
        var tried = 0
        for key in type.optionKeys + ["batch_size"] where key != "schedule" {
            for value in Self.numbers.map(TrainingUpdaterOptions.Value.number) + [.word("full"), .word("x")] {
                tried += 1
                let options = TrainingUpdaterOptions(name: method, values: [key: value])
                do {
                    _ = try TrainingUpdaters.make(from: options)
                    _ = try options.batchSize(default: 8)
                } catch {
                    #expect(error.reason.contains("optimizer"), "\(method) \(key)=\(value): \(error.reason)")
                }
            }
        }
        if type.optionKeys.contains("schedule") {
            for schedule in Self.schedules {
                for key in ["factor", "interval", "patience", "minimum"] {
                    for value in Self.numbers {
                        tried += 1
                        let options = TrainingUpdaterOptions(
                            name: method, values: ["schedule": .mapping(["type": .word(schedule), key: .number(value)])])
                        do {
                            var updater = try TrainingUpdaters.make(from: options)
                            for _ in 0..<3 { updater.endEpoch(monitoredLoss: 1) }
                            #expect(updater.learningRate.map { $0 >= 0 && $0.isFinite } ?? false)
                        } catch {
                            #expect(error.reason.contains("optimizer.schedule"), "\(schedule) \(key)=\(value): \(error.reason)")
                        }
                    }
                }
            }
        }
        #expect(tried > 0)
    }

    @Test func aGrowingScheduleIsRefused() {
        for type in ["step", "exponential"] {
            let options = TrainingUpdaterOptions(name: "adam", values: ["schedule": .mapping(["type": .word(type), "factor": .number(1.5)])])
            #expect(throws: TrainingError.self) { try TrainingUpdaters.make(from: options) }
        }
    }
}
