import BasinMath
import BasinPotentials

/// The running mean and spread of the instantaneous temperature, sampled at its interval
/// (every step by default); needs no energies, so sampling it costs one O(N) pass.
public final class TemperatureAverage: Observer {
    public private(set) var statistics = RunningStatistics()

    public init() {}

    public var requiredProperties: Properties { [] }

    public func observe(_ state: DynamicsState) {
        statistics.add(state.temperature)
    }
}
