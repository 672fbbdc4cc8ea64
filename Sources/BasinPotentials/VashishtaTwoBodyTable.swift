extension Vashishta {
    /// How `pair_style vashishta/table` tabulates the two-body term: `points` values evenly
    /// spaced in r² from `inner`² to the largest cutoff², interpolated linearly; closer pairs
    /// take the analytic form.
    public struct Tabulation: Sendable, Equatable {
        /// Number of points (LAMMPS `Ntable`), at least 2.
        public let points: Int
        /// Inner cutoff (Å; LAMMPS `cutinner`), positive and below the potential's cutoff.
        public let inner: Double

        public init(points: Int, inner: Double) {
            self.points = points
            self.inner = inner
        }
    }

    /// The two-body term of every species pair tabulated as `Tabulation` says, with the
    /// interpolation of LAMMPS `PairVashishtaTable::twobody_table`.
    struct TwoBodyTable {
        /// inner² (Å²) and 1 / Δ(r²) (Å⁻²).
        let innerSquared: Double
        let inverseSpacing: Double
        /// Entries per species pair: points + 1.
        let stride: Int
        /// (−V2′/r, V2) at r² = inner² + k Δ(r²), species pair p at p · stride + k.
        let values: [SIMD2<Double>]

        /// - Parameter outer: the largest cutoff of the potential (Å; LAMMPS `cutmax`).
        init(_ tabulation: Tabulation, pairs: [PairConstants], outer: Double) {
            innerSquared = tabulation.inner * tabulation.inner
            let spacing = (outer * outer - innerSquared) / Double(tabulation.points - 1)
            inverseSpacing = 1 / spacing
            stride = tabulation.points + 1
            var values: [SIMD2<Double>] = []
            values.reserveCapacity(pairs.count * stride)
            for pair in pairs {
                for k in 0..<stride {
                    let (energy, force) = pair.energyAndForceOverDistance(r2: innerSquared + Double(k) * spacing)
                    values.append(SIMD2(force, energy))
                }
            }
            self.values = values
        }

        /// The table as plain values and a pointer, for a force loop to copy without reference
        /// counting; valid while `body` runs. An absent table gives a lookup never to be called.
        static func withLookup<R>(_ table: TwoBodyTable?, _ body: (Lookup) -> R) -> R {
            (table?.values ?? []).withUnsafeBufferPointer { values in
                body(Lookup(
                    innerSquared: table?.innerSquared ?? 0, inverseSpacing: table?.inverseSpacing ?? 0,
                    stride: table?.stride ?? 0, values: values.baseAddress))
            }
        }

        /// What the force loop reads of the table.
        struct Lookup {
            let innerSquared: Double
            let inverseSpacing: Double
            let stride: Int
            let values: UnsafePointer<SIMD2<Double>>?

            /// V2 and −V2′/r of species pair `p` at squared distance `r2` (Å²), below its
            /// cutoff²: interpolated in the table, or from `exact` inside the inner cutoff.
            @inline(__always)
            func energyAndForceOverDistance(_ p: Int, r2: Double, exact: PairConstants) -> (energy: Double, forceOverDistance: Double) {
                if r2 < innerSquared { return exact.energyAndForceOverDistance(r2: r2) }
                let position = (r2 - innerSquared) * inverseSpacing
                let index = Int(position)
                let fraction = position - Double(index)
                let entry = values.unsafelyUnwrapped + (p &* stride &+ index)
                let below = entry[0], above = entry[1]
                let force = (1 - fraction) * below.x + fraction * above.x
                let energy = (1 - fraction) * below.y + fraction * above.y
                return (energy, force)
            }
        }
    }
}
