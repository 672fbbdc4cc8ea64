import BasinCompression

extension CompressedMinimum {
    /// The minimum at `positions` (Cartesian, reduced units, stored order) packed at the
    /// guaranteed bits c_t that `report`, the analysis of these positions, found, in the frame
    /// it chose. Throws `.noGuaranteedBits` when the analysis found no c_t, and `.invalidInput`
    /// when the positions do not fit the report's frame.
    public init(positions: [SIMD3<Double>], report: CompressionReport) throws(CompressedMinimumError) {
        guard let bits = report.levels.guaranteedBits else { throw .noGuaranteedBits }
        guard positions.count == report.atoms else {
            throw .invalidInput("\(positions.count) positions for an analysis of \(report.atoms) atoms")
        }
        let atoms = report.frameAtoms.map { $0 - 1 }
        let frame: ReducedFrame
        let minimum: [Double]
        do {
            frame = try ReducedFrame(atomCount: positions.count, origin: atoms[0], axis: atoms[1], plane: atoms.count > 2 ? atoms[2] : nil)
            minimum = try frame.coordinates(of: positions)
        } catch {
            throw .invalidInput("\(error)")
        }
        try self.init(frame: frame, bits: bits, minimum: minimum)
    }
}
