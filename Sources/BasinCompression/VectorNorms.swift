import BasinMath

/// Euclidean norms and distances of the reduced variable vectors.
enum Vectors {
    static func norm(_ x: [Double]) -> Double {
        x.dot(x).squareRoot()
    }

    static func distance(_ x: [Double], _ y: [Double]) -> Double {
        var sum = 0.0
        for k in x.indices {
            let d = x[k] - y[k]
            sum += d * d
        }
        return sum.squareRoot()
    }
}
