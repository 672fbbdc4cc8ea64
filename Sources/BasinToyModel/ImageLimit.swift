/// The largest number of cells, (2d_s + 1)^d, that an energy or descriptor may sum over, so
/// that a very narrow cell is refused rather than exhausting memory or time.
public enum ImageLimit {
    public static let translations = 1_000_000

    /// The depth ⌈`value`⌉ as an integer, capped far above what `check` allows (also for a
    /// NaN or infinite `value`), so that a vast ratio of cutoff to width is refused by `check`
    /// instead of overflowing the conversion.
    public static func depth(roundingUp value: Double) -> Int {
        value < 1e9 ? Int(value.rounded(.up)) : 1_000_000_000
    }

    /// Throws when depth `depth` in `dimension` dimensions exceeds the limit.
    public static func check(width: Double, depth: Int, dimension: Int) throws(ToyModelError) {
        let side = 2 * Double(depth) + 1
        let cells = dimension == 3 ? side * side * side : side * side
        guard cells <= Double(translations) else { throw .tooManyImages(width: width, depth: depth, dimension: dimension) }
    }
}
