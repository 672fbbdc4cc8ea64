/// How the images of a nudged elastic band are pushed.
///
/// - `springConstant` k (energy / length²): the spring force along the tangent is
///   k (|R_{i+1} − R_i| − |R_i − R_{i−1}|) τ̂ (Henkelman & Jónsson, J. Chem. Phys. 113, 9978
///   (2000), eq. 12), which keeps the images equally spaced.
/// - `climbing`: the highest image feels no spring and the true force with its tangential part
///   inverted, −∇V + 2(∇V·τ̂)τ̂, so it climbs to the saddle (Henkelman, Uberuaga & Jónsson,
///   J. Chem. Phys. 113, 9901 (2000), eq. 5).
/// - `doublyNudged`: the part of the spring force perpendicular to the tangent is added back,
///   less its component along the perpendicular true force, F_s⊥ − (F_s⊥·F̂⊥)F̂⊥
///   (Trygubenko & Wales, J. Chem. Phys. 120, 2082 (2004), eq. 13), which keeps the band from
///   kinking where the perpendicular force is small.
public struct BandSettings: Sendable, Codable, Equatable {
    public var springConstant: Double
    public var climbing: Bool
    public var doublyNudged: Bool

    public init(springConstant: Double = 1, climbing: Bool = false, doublyNudged: Bool = false) {
        precondition(springConstant > 0 && springConstant.isFinite, "the spring constant must be positive")
        self.springConstant = springConstant
        self.climbing = climbing
        self.doublyNudged = doublyNudged
    }
}
