import BasinMath
import BasinOptimize

/// A nudged elastic band: a chain of images between two fixed end points, as one `Optimizable`
/// whose coordinates are the moving images one after another (image 1's `imageDimension`
/// numbers, then image 2's, …).
///
/// At every image i the tangent τ̂ is the improved tangent of Henkelman & Jónsson (J. Chem.
/// Phys. 113, 9978 (2000), eqs. 8–11): the vector to the higher neighbour, or at an extremum
/// of energy a blend of both weighted by the energy differences. The force on the image is the
/// true force perpendicular to τ̂ plus the spring force along τ̂, with the climbing-image and
/// doubly-nudged variants that `BandSettings` describes. The components of each image's band
/// force along its surface's symmetry modes (a cluster's rigid translations and rotations) are
/// removed, as OPTIM's DNEB does: nothing restores an image that turns as a whole, and the
/// springs between images that drift apart that way grow without bound.
///
/// The "gradient" this problem returns is minus that band force. It is not the derivative of
/// any function (the projections make it non-conservative), so only minimizers that use the
/// gradient alone and the value merely for reports — FIRE — may drive a band; the value
/// returned is the highest image energy. `norm` is the largest of the images' norms (for
/// atoms: the largest per-atom band force), so a FIRE threshold is the band's fmax.
///
/// Each image has its own surface (`surfaces[i − 1]` serves moving image i): the same potential
/// for a physical band, or image-dependent targets for the IDPP interpolation. With
/// `threads` > 1 the images are evaluated concurrently, image i on thread i mod `threads`;
/// the surfaces must then share no mutable state (for atoms: one `Calculator` each). The
/// result is the same as serially.
public struct NudgedElasticBand<Surface: LandscapeSurface>: Optimizable {
    public typealias Failure = any Error

    /// One surface per moving image.
    public var surfaces: [Surface]
    public var settings: BandSettings
    /// Polled after every evaluation; when it returns true the evaluation throws
    /// `BandInterrupted` (the caller keeps the last point its observer saw).
    public var shouldStop: (@Sendable () -> Bool)?

    /// All images, the two end points included (`imageCount + 2` points), as last evaluated.
    public private(set) var images: [[Double]]
    /// Energy of every image, end points included, as last evaluated.
    public private(set) var energies: [Double]
    /// Unit tangent at every moving image (`tangents[i − 1]` for image i), as last evaluated.
    public private(set) var tangents: [[Double]]
    /// The climbing image's index among all images (1…imageCount), or nil.
    public private(set) var climbingImage: Int?
    /// True gradient of every moving image's surface, as last evaluated.
    public private(set) var trueGradients: [[Double]]

    /// Number of coordinates of one image.
    public let imageDimension: Int
    /// Threads evaluating the images (1: one after another).
    public var threads = 1

    /// - Parameters:
    ///   - start, end: the fixed end points (`imageDimension` numbers each).
    ///   - startEnergy, endEnergy: their energies, which choose the tangents of the images
    ///     next to them.
    ///   - surfaces: one per moving image (at least one).
    public init(
        start: [Double], startEnergy: Double, end: [Double], endEnergy: Double, surfaces: [Surface],
        settings: BandSettings = BandSettings()
    ) {
        precondition(!surfaces.isEmpty, "a band needs at least one moving image")
        precondition(start.count == end.count && surfaces.allSatisfy { $0.dimension == start.count }, "every image needs the same dimension")
        imageDimension = start.count
        self.surfaces = surfaces
        self.settings = settings
        let zero = [Double](repeating: 0, count: start.count)
        images = [start] + Array(repeating: zero, count: surfaces.count) + [end]
        energies = [startEnergy] + Array(repeating: 0, count: surfaces.count) + [endEnergy]
        tangents = Array(repeating: zero, count: surfaces.count)
        trueGradients = tangents
    }

    /// Number of moving images.
    public var imageCount: Int { surfaces.count }

    public var dimension: Int { imageCount * imageDimension }

    /// The moving images of a band point, concatenated.
    public static func point(of images: some Collection<[Double]>) -> [Double] { images.flatMap { $0 } }

    public mutating func evaluate(at x: [Double], gradient: inout [Double]) throws -> Double {
        let n = imageDimension
        for i in 1...imageCount {
            for a in 0..<n { images[i][a] = x[(i - 1) * n + a] }
        }
        try evaluateImages()
        let highest = (1...imageCount).max { energies[$0] < energies[$1] }!
        climbingImage = settings.climbing ? highest : nil
        for i in 1...imageCount {
            updateTangent(i)
            bandForce(i, into: &gradient)
            removeSymmetryModes(i, from: &gradient)
        }
        if let shouldStop, shouldStop() { throw BandInterrupted() }
        return energies[highest]
    }

    /// Energies and true gradients of the moving images, on `threads` threads.
    private mutating func evaluateImages() throws {
        let parts = min(max(1, threads), imageCount), count = imageCount
        guard parts > 1 else {
            for i in 1...count { energies[i] = try surfaces[i - 1].evaluate(at: images[i], gradient: &trueGradients[i - 1]) }
            return
        }
        let points = images
        var failures = [(any Error)?](repeating: nil, count: count)
        surfaces.withUnsafeMutableBufferPointer { surfaces in
            energies.withUnsafeMutableBufferPointer { energies in
                trueGradients.withUnsafeMutableBufferPointer { gradients in
                    failures.withUnsafeMutableBufferPointer { failures in
                        concurrentForEach(parts) { part in
                            for i in stride(from: part, to: count, by: parts) {
                                do {
                                    energies[i + 1] = try surfaces[i].evaluate(at: points[i + 1], gradient: &gradients[i])
                                } catch {
                                    failures[i] = error
                                }
                            }
                        }
                    }
                }
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }

    /// The largest of the images' norms of `vector`.
    public func norm(_ vector: [Double]) -> Double {
        let n = imageDimension
        return (0..<imageCount).reduce(0) { largest, i in
            max(largest, surfaces[i].norm(Array(vector[(i * n)..<((i + 1) * n)])))
        }
    }

    /// The improved tangent at moving image i (Henkelman & Jónsson 2000, eqs. 8–11).
    private mutating func updateTangent(_ i: Int) {
        let next = energies[i + 1], here = energies[i], previous = energies[i - 1]
        let weightForward: Double, weightBackward: Double
        if next > here, here > previous {
            (weightForward, weightBackward) = (1, 0)
        } else if next < here, here < previous {
            (weightForward, weightBackward) = (0, 1)
        } else {
            let largest = max(abs(next - here), abs(previous - here))
            let smallest = min(abs(next - here), abs(previous - here))
            (weightForward, weightBackward) = next > previous ? (largest, smallest) : (smallest, largest)
        }
        var squared = 0.0
        for a in 0..<imageDimension {
            let forward = images[i + 1][a] - images[i][a], backward = images[i][a] - images[i - 1][a]
            let t = weightForward * forward + weightBackward * backward
            tangents[i - 1][a] = t
            squared += t * t
        }
        // Equal energies on both sides and both weights zero: fall back to the chord.
        if squared == 0 {
            for a in 0..<imageDimension { tangents[i - 1][a] = images[i + 1][a] - images[i - 1][a] }
            squared = tangents[i - 1].dot(tangents[i - 1])
        }
        let scale = squared > 0 ? 1 / squared.squareRoot() : 0
        for a in 0..<imageDimension { tangents[i - 1][a] *= scale }
    }

    /// Projects the symmetry modes of moving image i out of its slice of `gradient`.
    private func removeSymmetryModes(_ i: Int, from gradient: inout [Double]) {
        let n = imageDimension, offset = (i - 1) * n
        for mode in surfaces[i - 1].symmetryModes(at: images[i]) {
            var overlap = 0.0
            for a in 0..<n { overlap += gradient[offset + a] * mode[a] }
            for a in 0..<n { gradient[offset + a] -= overlap * mode[a] }
        }
    }

    /// Writes minus the band force on moving image i into its slice of `gradient`.
    private func bandForce(_ i: Int, into gradient: inout [Double]) {
        let n = imageDimension, offset = (i - 1) * n
        let tangent = tangents[i - 1], g = trueGradients[i - 1]
        let along = g.dot(tangent)
        if i == climbingImage {
            for a in 0..<n { gradient[offset + a] = g[a] - 2 * along * tangent[a] }
            return
        }
        var forward = 0.0, backward = 0.0
        for a in 0..<n {
            let f = images[i + 1][a] - images[i][a], b = images[i][a] - images[i - 1][a]
            forward += f * f
            backward += b * b
        }
        let k = settings.springConstant
        let spring = k * (forward.squareRoot() - backward.squareRoot())
        // −(F⊥ + F_s∥) with F⊥ = −g + (g·τ̂)τ̂.
        for a in 0..<n { gradient[offset + a] = g[a] - along * tangent[a] - spring * tangent[a] }
        guard settings.doublyNudged else { return }
        // F_s = k (R_{i+1} − 2R_i + R_{i−1}); F_s⊥ = F_s − (F_s·τ̂)τ̂; F̂⊥ = F⊥ / |F⊥|.
        var springAlong = 0.0, perpendicularSquared = 0.0
        for a in 0..<n {
            springAlong += k * (images[i + 1][a] - 2 * images[i][a] + images[i - 1][a]) * tangent[a]
            let p = -g[a] + along * tangent[a]
            perpendicularSquared += p * p
        }
        guard perpendicularSquared > 0 else { return }
        let inverseLength = 1 / perpendicularSquared.squareRoot()
        var overlap = 0.0
        for a in 0..<n {
            let springPerpendicular = k * (images[i + 1][a] - 2 * images[i][a] + images[i - 1][a]) - springAlong * tangent[a]
            overlap += springPerpendicular * (-g[a] + along * tangent[a]) * inverseLength
        }
        for a in 0..<n {
            let springPerpendicular = k * (images[i + 1][a] - 2 * images[i][a] + images[i - 1][a]) - springAlong * tangent[a]
            let unitPerpendicular = (-g[a] + along * tangent[a]) * inverseLength
            gradient[offset + a] -= springPerpendicular - overlap * unitPerpendicular
        }
    }
}

/// Thrown by a band's evaluation when its `shouldStop` asked it to stop.
public struct BandInterrupted: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "the band was interrupted" }
}
