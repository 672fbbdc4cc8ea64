/// The vector operations minimizers and solvers need, on `[Double]` in place (no allocation).
extension Array where Element == Double {
    /// Σₖ selfₖ otherₖ.
    public func dot(_ other: [Double]) -> Double {
        precondition(count == other.count, "vectors of different lengths")
        var sum = 0.0
        for k in indices { sum += self[k] * other[k] }
        return sum
    }

    /// self ← self + a·v.
    public mutating func add(_ a: Double, times v: [Double]) {
        precondition(count == v.count, "vectors of different lengths")
        for k in indices { self[k] += a * v[k] }
    }

    /// self ← a·self + b·v.
    public mutating func scale(by a: Double, adding b: Double, times v: [Double]) {
        precondition(count == v.count, "vectors of different lengths")
        for k in indices { self[k] = a * self[k] + b * v[k] }
    }

    /// self ← x + a·v, reusing self's memory.
    public mutating func assign(_ x: [Double], plus a: Double, times v: [Double]) {
        precondition(count == x.count && count == v.count, "vectors of different lengths")
        for k in indices { self[k] = x[k] + a * v[k] }
    }

    /// self ← a·v.
    public mutating func assign(_ a: Double, times v: [Double]) {
        precondition(count == v.count, "vectors of different lengths")
        for k in indices { self[k] = a * v[k] }
    }

    /// self ← 0.
    public mutating func setToZero() {
        for k in indices { self[k] = 0 }
    }

    /// self ← −self.
    public mutating func negate() {
        for k in indices { self[k] = -self[k] }
    }

    /// True when no entry is NaN or infinite.
    public var isFinite: Bool { allSatisfy(\.isFinite) }
}
