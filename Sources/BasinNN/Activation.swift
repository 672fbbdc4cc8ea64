import Foundation

/// A neuron's activation function, named by n2p2's one-letter code
/// (n2p2 src/libnnp/NeuralNetwork.cpp `activationFromString`, `propagateLayer`).
///
/// Every case gives its value f(x) and its first and second derivatives: f′ for forces,
/// f″ for force training. Where n2p2 clamps the argument (`EXP_LIMIT` = 35 for logistic and
/// softplus), so does this type, with the same constant derivatives beyond the limit.
public enum Activation: Character, CaseIterable, Sendable {
    /// `l`: f(x) = x.
    case identity = "l"
    /// `t`: f(x) = tanh x.
    case tanh = "t"
    /// `s`: f(x) = 1/(1+e^−x); exactly 1 above 35 and 0 below −35, with zero derivatives there.
    case logistic = "s"
    /// `p`: f(x) = ln(1+e^x); x above 35 and 0 below −35.
    case softplus = "p"
    /// `r`: f(x) = max(0, x). Its derivative jumps at 0, so forces from a ReLU network are
    /// discontinuous and energy is not conserved in dynamics; unsuitable for force fields.
    case relu = "r"
    /// `g`: f(x) = exp(−x²/2).
    case gaussian = "g"
    /// `c`: f(x) = cos x.
    case cos = "c"
    /// `S`: f(x) = 1 − 1/(1+e^−x) (unclamped, as in n2p2).
    case reverseLogistic = "S"
    /// `e`: f(x) = exp(−x) (note the sign, as in n2p2).
    case exp = "e"
    /// `h`: f(x) = x².
    case harmonic = "h"

    /// n2p2's `EXP_LIMIT`: beyond ±35 the logistic and softplus functions take their limits.
    public static let expLimit = 35.0

    /// Parses n2p2's letter (case matters: `s` is logistic, `S` reverse logistic).
    public init(letter: String) throws(NeuralNetworkError) {
        guard letter.count == 1, let value = Activation(rawValue: letter.first!) else {
            throw .unknownActivation(letter)
        }
        self = value
    }

    /// f(x), f′(x) and f″(x), exactly as n2p2's `propagateLayer` computes them.
    @inlinable
    public func evaluate(_ x: Double) -> (value: Double, first: Double, second: Double) {
        switch self {
        case .identity:
            return (x, 1, 0)
        case .tanh:
            let t = Foundation.tanh(x)
            return (t, 1 - t * t, -2 * t * (1 - t * t))
        case .logistic:
            if x > Self.expLimit { return (1, 0, 0) }
            if x < -Self.expLimit { return (0, 0, 0) }
            let s = 1 / (1 + Foundation.exp(-x))
            return (s, s * (1 - s), s * (1 - s) * (1 - 2 * s))
        case .softplus:
            if x > Self.expLimit { return (x, 1, 0) }
            if x < -Self.expLimit { return (0, 0, 0) }
            let e = Foundation.exp(x)
            let s = 1 / (1 + 1 / e)
            return (Foundation.log(1 + e), s, s * (1 - s))
        case .relu:
            return x > 0 ? (x, 1, 0) : (0, 0, 0)
        case .gaussian:
            let g = Foundation.exp(-0.5 * x * x)
            return (g, -x * g, (x * x - 1) * g)
        case .cos:
            let c = Foundation.cos(x)
            return (c, -Foundation.sin(x), -c)
        case .reverseLogistic:
            let s = 1 / (1 + Foundation.exp(-x))
            return (1 - s, s * (s - 1), s * (s - 1) * (1 - 2 * s))
        case .exp:
            let e = Foundation.exp(-x)
            return (e, -e, e)
        case .harmonic:
            return (x * x, 2 * x, 2)
        }
    }

    /// Applies the function in place to `count` pre-activations at `z`, writing f′ to `first`
    /// and, when given, f″ to `second`. The switch is taken once per call, not per element.
    @inlinable
    func apply(
        _ z: UnsafeMutablePointer<Double>, count: Int,
        first: UnsafeMutablePointer<Double>, second: UnsafeMutablePointer<Double>?
    ) {
        if self == .identity {
            first.update(repeating: 1, count: count)
            second?.update(repeating: 0, count: count)
            return
        }
        if let second {
            for i in 0..<count {
                let r = evaluate(z[i])
                z[i] = r.value; first[i] = r.first; second[i] = r.second
            }
        } else {
            for i in 0..<count {
                let r = evaluate(z[i])
                z[i] = r.value; first[i] = r.first
            }
        }
    }
}
