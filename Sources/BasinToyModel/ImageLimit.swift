/// The largest number of cells, (2d_s + 1)^d, that an energy or descriptor may sum over, so
/// that a very narrow cell is refused rather than exhausting memory or time.
public enum ImageLimit {
    public static let translations = 1_000_000

    /// Throws when depth `depth` in `dimension` dimensions exceeds the limit.
    public static func check(width: Double, depth: Int, dimension: Int) throws(ToyModelError) {
        let side = Double(2 * depth + 1)
        let cells = dimension == 3 ? side * side * side : side * side
        guard cells <= Double(translations) else { throw .tooManyImages(width: width, depth: depth, dimension: dimension) }
    }
}
