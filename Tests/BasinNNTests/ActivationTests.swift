import BasinNN
import Foundation
import Testing

@Suite struct ActivationTests {
    static let points: [Double] = [-3.1, -1.2, -0.4, 0.3, 0.9, 2.5, 7.0]

    @Test(arguments: Activation.allCases)
    func derivativesMatchFiniteDifferences(_ f: Activation) {
        let h = 1e-5
        for x in Self.points {
            let r = f.evaluate(x)
            let first = (f.evaluate(x + h).value - f.evaluate(x - h).value) / (2 * h)
            let second = (f.evaluate(x + h).first - f.evaluate(x - h).first) / (2 * h)
            #expect(abs(first - r.first) <= 1e-7 * max(1, abs(r.first)), "\(f) f′ at \(x)")
            #expect(abs(second - r.second) <= 1e-7 * max(1, abs(r.second)), "\(f) f″ at \(x)")
        }
    }

    @Test func lettersFollowN2p2() throws {
        #expect(Activation.allCases.map { String($0.rawValue) }.joined() == "ltsprgcSeh")
        #expect(try Activation(letter: "S") == .reverseLogistic)
        #expect(throws: NeuralNetworkError.unknownActivation("x")) { try Activation(letter: "x") }
    }

    @Test func logisticAndSoftplusClampBeyondExpLimit() {
        #expect(Activation.logistic.evaluate(36) == (1, 0, 0))
        #expect(Activation.logistic.evaluate(-36) == (0, 0, 0))
        #expect(Activation.softplus.evaluate(40) == (40, 1, 0))
        #expect(Activation.softplus.evaluate(-40) == (0, 0, 0))
    }

    @Test func valuesAreN2p2Formulas() {
        #expect(Activation.exp.evaluate(1).value == Foundation.exp(-1.0))
        #expect(Activation.gaussian.evaluate(2).value == Foundation.exp(-2.0))
        #expect(Activation.harmonic.evaluate(-3) == (9, -6, 2))
        #expect(Activation.relu.evaluate(-1).value == 0)
        #expect(abs(Activation.reverseLogistic.evaluate(0.7).value + Activation.logistic.evaluate(0.7).value - 1) < 1e-15)
    }
}
