/// Where a dump's `ITEM: ATOMS` line puts each quantity.
///
/// Positions are taken from the first complete group of `xu yu zu` (unwrapped), `x y z`
/// (wrapped), `xsu ysu zsu` (scaled unwrapped) and `xs ys zs` (scaled); image flags `ix iy iz`
/// apply to wrapped groups only. Columns not interpreted, and repeated names, are extras.
struct LAMMPSDumpColumns {
    enum PositionKind {
        case unwrapped, wrapped, scaledUnwrapped, scaled

        var isScaled: Bool { self == .scaled || self == .scaledUnwrapped }
    }

    let names: [String]
    let positionKind: PositionKind
    let position: [Int]
    /// Image flag columns, when present and applicable to the position columns.
    let image: [Int]?
    let velocity: [Int]?
    let force: [Int]?
    let id: Int?
    let type: Int?
    let element: Int?
    let mass: Int?
    /// Indices of the columns kept as atom properties.
    let extras: [Int]

    /// The layout of `names`, or nil when no complete group of position columns is present.
    init?(_ names: [String]) {
        self.names = names
        let index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        func group(_ a: String, _ b: String, _ c: String) -> [Int]? {
            guard let i = index[a], let j = index[b], let k = index[c] else { return nil }
            return [i, j, k]
        }
        let choices: [(PositionKind, [Int]?)] = [
            (.unwrapped, group("xu", "yu", "zu")), (.wrapped, group("x", "y", "z")),
            (.scaledUnwrapped, group("xsu", "ysu", "zsu")), (.scaled, group("xs", "ys", "zs")),
        ]
        guard let choice = choices.first(where: { $0.1 != nil }), let position = choice.1 else { return nil }
        positionKind = choice.0
        self.position = position
        image = positionKind == .wrapped || positionKind == .scaled ? group("ix", "iy", "iz") : nil
        velocity = group("vx", "vy", "vz")
        force = group("fx", "fy", "fz")
        id = index["id"]
        type = index["type"]
        element = index["element"]
        mass = index["mass"]
        let groups = [position, image ?? [], velocity ?? [], force ?? []].joined()
        let used = Set(groups).union([id, type, element, mass].compactMap { $0 })
        extras = names.indices.filter { !used.contains($0) && index[names[$0]] == $0 }
    }
}
