import BasinOptimize

/// The whole search for a transition state between two minima: a band relaxed first without
/// and then with a climbing image, the climbing image refined by eigenvector following, and the
/// result verified (`TransitionStateVerification`).
///
/// End points are used as given: align a cluster's end points (`RigidAlignment`) and give
/// atoms in the same order before calling.
public struct BandSearch: Sendable {
    /// Springs and the doubly nudged variant; `climbing` here is ignored (the second stage climbs
    /// when `climb` is set).
    public var settings: BandSettings
    /// Whether a second stage lets the highest image climb.
    public var climb: Bool
    /// The band's minimizer (FIRE: a band force is no gradient; see `NudgedElasticBand`).
    public var fire: FIRE
    /// When the band without a climbing image has relaxed (band fmax, steps).
    public var relaxation: StoppingCriteria
    /// When the band with a climbing image has converged.
    public var climbing: StoppingCriteria
    /// Refinement of the climbing image; nil skips refinement and verification.
    public var refinement: EigenvectorFollowing?
    /// When the refinement has converged.
    public var refinementCriteria: StoppingCriteria
    public var verification: TransitionStateVerification
    /// Threads evaluating the band's images (see `NudgedElasticBand.threads`); above 1 the
    /// search needs a `makeSurface` that gives every image a surface of its own.
    public var threads = 1

    public init(
        settings: BandSettings = BandSettings(), climb: Bool = true, fire: FIRE = FIRE(maximumStep: 0.1),
        relaxation: StoppingCriteria = StoppingCriteria(maximumForce: 0.1, maximumSteps: 2000),
        climbing: StoppingCriteria = StoppingCriteria(maximumForce: 1e-3, maximumSteps: 5000),
        refinement: EigenvectorFollowing? = EigenvectorFollowing(),
        refinementCriteria: StoppingCriteria = StoppingCriteria(maximumForce: 1e-9, maximumSteps: 200),
        verification: TransitionStateVerification = TransitionStateVerification()
    ) {
        self.settings = settings
        self.climb = climb
        self.fire = fire
        self.relaxation = relaxation
        self.climbing = climbing
        self.refinement = refinement
        self.refinementCriteria = refinementCriteria
        self.verification = verification
    }

    /// The stages of a search, as observers see them.
    public enum Stage: String, Sendable, Codable {
        case relaxing, climbing
    }

    /// Runs the search.
    /// - Parameters:
    ///   - surface: the energy surface (copied for every image).
    ///   - start, end: the two minima.
    ///   - images: the moving images to start from (e.g. `BandInterpolation.images`, or a band
    ///     saved by an earlier run).
    ///   - shouldStop: polled after every band evaluation; when it returns true the search
    ///     throws `BandInterrupted`, and the observer has seen the last band.
    ///   - makeSurface: a fresh surface for every image, when `threads` > 1 (copies of
    ///     `surface` otherwise).
    ///   - observer: sees every band step with its stage; the progress's point is the moving
    ///     images concatenated (`BandSearch.images(of:between:and:)` splits it).
    public func run<S: LandscapeSurface>(
        on surface: S, from start: StationaryPoint, to end: StationaryPoint, images: [[Double]],
        makeSurface: (() throws -> S)? = nil, shouldStop: (@Sendable () -> Bool)? = nil,
        observer: ((Stage, MinimizationProgress) -> Void)? = nil
    ) throws -> BandSearchResult {
        precondition(threads == 1 || makeSurface != nil, "evaluating images on several threads needs a surface for each")
        let surfaces = try makeSurface.map { make in try images.map { _ in try make() } } ?? Array(repeating: surface, count: images.count)
        var band = NudgedElasticBand(
            start: start.point, startEnergy: start.value, end: end.point, endEnergy: end.value, surfaces: surfaces, settings: settings)
        band.threads = threads
        band.settings.climbing = false
        band.shouldStop = shouldStop
        var point = NudgedElasticBand<S>.point(of: images)
        var stages: [BandStageResult] = []
        for stage in climb ? [Stage.relaxing, .climbing] : [.relaxing] {
            band.settings.climbing = stage == .climbing
            let criteria = stage == .climbing ? climbing : relaxation
            let result = try fire.minimize(&band, from: point, until: criteria) { progress in
                observer?(stage, progress)
            }
            point = result.point
            var gradient = point
            _ = try band.evaluate(at: point, gradient: &gradient)
            stages.append(BandStageResult(stage: stage, stopReason: result.stopReason, iterations: result.iterations, maximumForce: band.norm(gradient)))
        }
        let highest = (1...band.imageCount).max { band.energies[$0] < band.energies[$1] }!
        var result = BandSearchResult(images: band.images, energies: band.energies, highestImage: highest, stages: stages)
        guard let refinement else { return result }
        var refining = surface
        let saddle = try refinement.search(&refining, from: band.images[highest], until: refinementCriteria)
        result.saddle = saddle
        result.check = try verification.verify(saddle.point, value: saddle.value, on: &refining, between: start, and: end)
        return result
    }
}

extension BandSearch {
    /// All images of a band point: `start`, the moving images of `point` in order, `end`.
    public static func images(of point: [Double], between start: [Double], and end: [Double]) -> [[Double]] {
        let n = start.count
        return [start] + (0..<(point.count / n)).map { Array(point[($0 * n)..<(($0 + 1) * n)]) } + [end]
    }
}

/// How one stage of a band search ended.
public struct BandStageResult: Sendable {
    public var stage: BandSearch.Stage
    public var stopReason: StopReason
    public var iterations: Int
    /// The band's largest per-atom force at the end of the stage.
    public var maximumForce: Double
}

/// What a band search found.
public struct BandSearchResult: Sendable {
    /// All images, end points included.
    public var images: [[Double]]
    /// Their energies.
    public var energies: [Double]
    /// Index of the highest moving image (the climbing image when the band climbed).
    public var highestImage: Int
    public var stages: [BandStageResult]
    /// The refined saddle, when refinement ran.
    public var saddle: SaddleSearchResult?
    /// Its verification, when refinement ran.
    public var check: TransitionStateCheck?

    /// The moving images whose energy exceeds both neighbours', highest first.
    public var localMaxima: [Int] {
        (1..<(energies.count - 1)).filter { energies[$0] > energies[$0 - 1] && energies[$0] > energies[$0 + 1] }
            .sorted { energies[$0] > energies[$1] }
    }

    /// Energy of the highest image (energy units).
    public var highestEnergy: Double { energies[highestImage] }
}
