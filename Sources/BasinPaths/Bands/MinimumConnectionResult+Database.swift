import BasinMinima

extension MinimumConnectionResult {
    /// Stores every minimum (counted again when the database holds it already) and every
    /// transition state with the ids of its two minima.
    /// - Parameters:
    ///   - symbols: the label of every atom (points are 3N coordinates of a cluster).
    ///   - run: the run to record them under.
    /// - Returns: the database id of every minimum and transition state, in this result's order.
    @discardableResult
    public func store(in database: MinimaDatabase, symbols: [String], run: RunID? = nil) throws(MinimaDatabaseError)
        -> (minima: [MinimumID], transitionStates: [TransitionStateID])
    {
        var minimumIDs: [MinimumID] = []
        for minimum in minima {
            minimumIDs.append(try database.record(energy: minimum.value, positions: RigidModes.vectors(minimum.point), symbols: symbols, run: run).id)
        }
        var stateIDs: [TransitionStateID] = []
        for ts in transitionStates {
            stateIDs.append(try database.recordTransitionState(
                energy: ts.saddle.value, positions: RigidModes.vectors(ts.saddle.point), symbols: symbols,
                between: minimumIDs[ts.minima.0], and: minimumIDs[ts.minima.1], negativeEigenvalue: ts.negativeEigenvalue, run: run).id)
        }
        return (minimumIDs, stateIDs)
    }
}
