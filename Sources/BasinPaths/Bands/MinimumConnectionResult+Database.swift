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

    /// The stored transition states of atoms labelled `symbols` (those of `run`, or all) and the
    /// minima they join, as the `known` graph of a connection that goes on from there (it has
    /// no start and end of its own). Stored negative eigenvalues that are missing read as 0.
    public init(storedIn database: MinimaDatabase, symbols: [String], run: RunID? = nil) throws(MinimaDatabaseError) {
        self.init(minima: [])
        var indexOf: [MinimumID: Int] = [:]
        for ts in try database.transitionStates() where (run == nil || ts.run == run) && ts.symbols == symbols {
            var ends: [Int] = []
            for id in [ts.minima.0, ts.minima.1] {
                if let known = indexOf[id] {
                    ends.append(known)
                    continue
                }
                let minimum = try database.minimum(id: id)
                indexOf[id] = minima.count
                ends.append(minima.count)
                minima.append(StationaryPoint(point: BandEnds.coordinates(minimum.positions), value: minimum.energy, maximumForce: 0))
            }
            transitionStates.append(ConnectionTransitionState(
                saddle: StationaryPoint(point: BandEnds.coordinates(ts.positions), value: ts.energy, maximumForce: 0),
                negativeEigenvalue: ts.negativeEigenvalue ?? 0, minima: (ends[0], ends[1])))
        }
    }
}
