/// Connects two minima that need not be adjacent by repeated bands, in the manner of OPTIM's
/// connection algorithms (Trygubenko & Wales, J. Chem. Phys. 120, 2082 (2004), §IV; Carr,
/// Trygubenko & Wales, J. Chem. Phys. 122, 234903 (2005)).
///
/// The minima known so far form a graph whose edges are the verified transition states. While
/// the start and the end lie in different components, a band (`BandSearch`) runs between the
/// closest untried pair of minima, one in the start's component and one in the end's (the
/// distance after `LandscapeSurface.aligned`); when no such pair is left, between the start's
/// component and any other minimum. A pair whose band added nothing is tried again (with the
/// attempt number passed to `interpolate`, e.g. for more images) up to `attemptsPerPair`
/// times. Every local maximum of the band's energy profile (not only
/// the climbing image, as OPTIM takes every maximum of a DNEB as a guess) is refined by the
/// search's eigenvector following; each saddle with exactly one negative Hessian eigenvalue whose
/// descents end in true minima (converged, no negative eigenvalue) is kept with those two
/// minima, new ones added to the graph. The path reported
/// is the one whose highest transition state is lowest.
public struct MinimumConnection: Sendable {
    /// The band search run for every pair (with refinement).
    public var search: BandSearch
    /// Most bands before giving up.
    public var maximumBands: Int
    /// A descent counts as a minimum when its gradient norm is below this.
    public var minimumForce: Double
    /// Most bands between one pair of minima.
    public var attemptsPerPair: Int

    public init(search: BandSearch = BandSearch(), maximumBands: Int = 30, minimumForce: Double = 1e-5, attemptsPerPair: Int = 2) {
        precondition(search.refinement != nil, "a connection needs refined saddles")
        precondition(attemptsPerPair >= 1, "each pair needs at least one attempt")
        self.search = search
        self.maximumBands = maximumBands
        self.minimumForce = minimumForce
        self.attemptsPerPair = attemptsPerPair
    }

    /// Connects `start` and `end` on `surface`.
    /// - Parameters:
    ///   - interpolate: the moving images of a new band between two aligned minima, for the
    ///     given attempt at that pair (0, 1, …).
    ///   - makeSurface: a fresh surface for every image when the search uses several threads
    ///     (see `BandSearch.run`).
    ///   - shouldStop: polled by every band (see `BandSearch.run`); the connection then stops
    ///     with what it has.
    ///   - known: minima and transition states from earlier work (e.g. a stored connection run);
    ///     their minima join the graph (`start` and `end` are recognised among them by
    ///     `sameMinimum`), so the connection goes on from there.
    ///   - observer: told after every band which pair it joined and what it found.
    public func connect<S: LandscapeSurface>(
        on surface: S, from start: StationaryPoint, to end: StationaryPoint,
        interpolate: (_ from: [Double], _ to: [Double], _ attempt: Int) -> [[Double]],
        makeSurface: (() throws -> S)? = nil, shouldStop: (@Sendable () -> Bool)? = nil,
        known: MinimumConnectionResult? = nil, observer: ((ConnectionStep) -> Void)? = nil
    ) throws -> MinimumConnectionResult {
        var result = MinimumConnectionResult(minima: [start, end])
        if let known {
            let indices = known.minima.map { index(of: $0, in: &result, surface: surface) }
            for var ts in known.transitionStates {
                ts.minima = (indices[ts.minima.0], indices[ts.minima.1])
                if ts.minima.0 != ts.minima.1 { result.transitionStates.append(ts) }
            }
        }
        var attempts: [[Int]: Int] = [:]
        var bandOnly = search
        bandOnly.refinement = nil
        let refinement = search.refinement!
        while result.bands < maximumBands, !result.isConnected {
            guard let (i, j) = nextPair(result, surface: surface, attempts: attempts) else { break }
            let attempt = attempts[[i, j], default: 0]
            result.bands += 1
            let first = result.minima[i]
            var second = result.minima[j]
            second.point = surface.aligned(second.point, onto: first.point)
            let band: BandSearchResult
            do {
                band = try bandOnly.run(on: surface, from: first, to: second, images: interpolate(first.point, second.point, attempt),
                    makeSurface: makeSurface, shouldStop: shouldStop)
            } catch is BandInterrupted {
                result.interrupted = true
                break
            }
            var step = ConnectionStep(pair: (i, j), band: band, transitionStates: [])
            for maximum in band.localMaxima {
                var refining = surface
                let saddle = try refinement.search(&refining, from: band.images[maximum], until: search.refinementCriteria)
                guard saddle.converged else { continue }
                let check = try search.verification.verify(saddle.point, value: saddle.value, on: &refining, between: first, and: second)
                guard check.negativeEigenvalues == 1, check.minusMinimum.maximumForce < minimumForce,
                    check.plusMinimum.maximumForce < minimumForce,
                    try search.verification.isMinimum(check.minusMinimum.point, on: &refining),
                    try search.verification.isMinimum(check.plusMinimum.point, on: &refining)
                else { continue }
                let a = index(of: check.minusMinimum, in: &result, surface: surface)
                let b = index(of: check.plusMinimum, in: &result, surface: surface)
                let duplicate = result.transitionStates.contains {
                    Set([$0.minima.0, $0.minima.1]) == Set([a, b]) && abs($0.saddle.value - saddle.value) <= 1e-6 * max(1, abs(saddle.value))
                }
                guard a != b, !duplicate else { continue }
                result.transitionStates.append(ConnectionTransitionState(
                    saddle: StationaryPoint(point: saddle.point, value: saddle.value, maximumForce: saddle.maximumForce),
                    negativeEigenvalue: check.lowestEigenvalues[0], minima: (a, b)))
                step.transitionStates.append(result.transitionStates.count - 1)
            }
            // A pair whose band joined something is done; one that gave nothing may be retried.
            attempts[[i, j]] = step.transitionStates.isEmpty ? attempt + 1 : attemptsPerPair
            observer?(step)
        }
        return result
    }

    /// The closest pair with attempts left between the start's and the end's components, or
    /// between the start's component and any minimum outside it.
    private func nextPair<S: LandscapeSurface>(_ result: MinimumConnectionResult, surface: S, attempts: [[Int]: Int]) -> (Int, Int)? {
        let component = result.components()
        let startSet = result.minima.indices.filter { component[$0] == component[0] }
        let endSet = result.minima.indices.filter { component[$0] == component[1] }
        let outside = result.minima.indices.filter { component[$0] != component[0] }
        for targets in [endSet, outside] {
            var best: (Int, Int, Double)?
            for i in startSet {
                for j in targets where attempts[[i, j], default: 0] < attemptsPerPair {
                    let aligned = surface.aligned(result.minima[j].point, onto: result.minima[i].point)
                    let d = zip(aligned, result.minima[i].point).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                    if best == nil || d < best!.2 { best = (i, j, d) }
                }
            }
            if let best { return (best.0, best.1) }
        }
        return nil
    }

    /// The index of `minimum` among the known minima, appending it when it is new.
    private func index<S: LandscapeSurface>(of minimum: StationaryPoint, in result: inout MinimumConnectionResult, surface: S) -> Int {
        if let known = result.minima.firstIndex(where: { surface.sameMinimum($0.point, value: $0.value, minimum.point, value: minimum.value) }) {
            return known
        }
        result.minima.append(minimum)
        return result.minima.count - 1
    }
}

/// One band of a connection.
public struct ConnectionStep: Sendable {
    /// The indices of the two minima the band joined.
    public var pair: (Int, Int)
    public var band: BandSearchResult
    /// The indices of the transition states it added.
    public var transitionStates: [Int]
}

/// A transition state found by a connection, with the indices of the minima it joins.
public struct ConnectionTransitionState: Sendable {
    public var saddle: StationaryPoint
    /// The Hessian's negative eigenvalue (energy / length² for atoms).
    public var negativeEigenvalue: Double
    public var minima: (Int, Int)

    public init(saddle: StationaryPoint, negativeEigenvalue: Double, minima: (Int, Int)) {
        self.saddle = saddle
        self.negativeEigenvalue = negativeEigenvalue
        self.minima = minima
    }
}

/// What a connection found: all minima (the start is 0, the end 1) and transition states.
public struct MinimumConnectionResult: Sendable {
    public var minima: [StationaryPoint]
    public var transitionStates: [ConnectionTransitionState] = []
    /// Bands run.
    public var bands = 0
    public var interrupted = false

    public init(minima: [StationaryPoint]) { self.minima = minima }

    /// The component label of every minimum in the graph of transition states.
    public func components() -> [Int] {
        var parent = Array(minima.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { i = parent[i] }
            return i
        }
        for ts in transitionStates { parent[root(ts.minima.0)] = root(ts.minima.1) }
        return minima.indices.map(root)
    }

    /// Whether the start (minimum 0) and the end (minimum 1) are joined.
    public var isConnected: Bool {
        guard minima.count >= 2 else { return false }
        let c = components()
        return c[0] == c[1]
    }

    /// The path from the start to the end whose highest transition state is lowest: minima and
    /// transition states alternating, as indices (`minima` first, then `transitionStates`); nil
    /// when they are not connected.
    public var path: (minima: [Int], transitionStates: [Int])? {
        // The lowest barrier at which start and end join (Kruskal order), then a breadth-first
        // path through the transition states at or below it.
        let order = transitionStates.indices.sorted { transitionStates[$0].saddle.value < transitionStates[$1].saddle.value }
        var partial = MinimumConnectionResult(minima: minima)
        var allowed: [Int] = []
        for t in order where !partial.isConnected {
            partial.transitionStates.append(transitionStates[t])
            allowed.append(t)
        }
        guard partial.isConnected else { return nil }
        var previous: [Int: (minimum: Int, ts: Int)] = [0: (0, -1)]
        var queue = [0]
        while !queue.isEmpty, previous[1] == nil {
            let m = queue.removeFirst()
            for t in allowed {
                let (a, b) = transitionStates[t].minima
                guard a == m || b == m else { continue }
                let other = a == m ? b : a
                if previous[other] == nil {
                    previous[other] = (m, t)
                    queue.append(other)
                }
            }
        }
        var minimaPath = [1], tsPath: [Int] = []
        var current = 1
        while current != 0, let step = previous[current] {
            tsPath.insert(step.ts, at: 0)
            current = step.minimum
            minimaPath.insert(current, at: 0)
        }
        return (minimaPath, tsPath)
    }

    /// The energies along `path`: minimum, transition state, minimum, …, minimum.
    public var pathEnergies: [Double]? {
        guard let (minimaPath, statesPath) = path else { return nil }
        var energies = [minima[minimaPath[0]].value]
        for (t, m) in zip(statesPath, minimaPath.dropFirst()) {
            energies += [transitionStates[t].saddle.value, minima[m].value]
        }
        return energies
    }

    /// The highest transition-state energy along `path`.
    public var highestTransitionState: Double? {
        path.map { $0.transitionStates.map { transitionStates[$0].saddle.value }.max() ?? -.infinity }
    }
}
