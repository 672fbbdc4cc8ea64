import Foundation

/// One atom's neighbors within the largest cutoff, with what every function reads: extended
/// index, species, displacement d = x_j − x_i, distance, and the cutoff function of the function
/// being evaluated. Kept per chunk and refilled per atom, so that the pair loops allocate nothing.
struct Neighborhood {
    var atoms: [Int32] = []
    var species: [Int32] = []
    var displacements: [SIMD3<Double>] = []
    var distances: [Double] = []
    var cutoffs: [Double] = []
    var cutoffDerivatives: [Double] = []

    var count: Int { atoms.count }

    /// Keeps the candidates closer than `radius` to local atom i, reading the extended atoms'
    /// positions and species.
    mutating func collect(
        around i: Int, candidates: Slice<UnsafeBufferPointer<Int32>>, radius: Double,
        positions: UnsafeBufferPointer<SIMD3<Double>>, species speciesOf: UnsafeBufferPointer<Int32>
    ) {
        atoms.removeAll(keepingCapacity: true)
        species.removeAll(keepingCapacity: true)
        displacements.removeAll(keepingCapacity: true)
        distances.removeAll(keepingCapacity: true)
        let xi = positions[i]
        for a in candidates {
            let d = positions[Int(a)] - xi
            let r2 = (d * d).sum()
            guard r2 < radius * radius else { continue }
            atoms.append(a)
            species.append(speciesOf[Int(a)])
            displacements.append(d)
            distances.append(r2.squareRoot())
        }
        cutoffs.removeAll(keepingCapacity: true)
        cutoffDerivatives.removeAll(keepingCapacity: true)
        cutoffs.append(contentsOf: repeatElement(0, count: atoms.count))
        cutoffDerivatives.append(contentsOf: repeatElement(0, count: atoms.count))
    }

    /// G of function `f` for the central atom; adds ∂G/∂x_i to `derivatives[0]` and ∂G/∂x of
    /// neighbor m to `derivatives[(m + 1) * stride]`.
    mutating func evaluate(
        _ f: SymmetryFunctionEvaluator.Compiled, derivatives out: UnsafeMutablePointer<SIMD3<Double>>, stride: Int
    ) -> Double {
        switch f.function {
        case .radial(let g):
            return radial(g, element: f.first, out, stride)
        case .angular(let g):
            return angular(g, elements: (f.first, f.second), out, stride)
        }
    }

    private func radial(
        _ g: RadialSymmetryFunction, element: Int32, _ out: UnsafeMutablePointer<SIMD3<Double>>, _ stride: Int
    ) -> Double {
        var sum = 0.0
        for m in 0..<count where species[m] == element && distances[m] < g.cutoff.radius {
            let (value, derivative) = g.term(distances[m])
            sum += value
            let gradient = (derivative / distances[m]) * displacements[m]
            out[(m + 1) * stride] += gradient
            out[0] -= gradient
        }
        return sum
    }

    private mutating func angular(
        _ g: AngularSymmetryFunction, elements: (Int32, Int32), _ out: UnsafeMutablePointer<SIMD3<Double>>, _ stride: Int
    ) -> Double {
        let rc = g.cutoff.radius, eta = g.eta, rs = g.shift, p = g.prefactor
        for m in 0..<count {
            (cutoffs[m], cutoffDerivatives[m]) = g.cutoff.valueAndDerivative(distances[m])
        }
        var sum = 0.0
        for j in 0..<count where distances[j] < rc && (species[j] == elements.0 || species[j] == elements.1) {
            let dj = displacements[j], rj = distances[j], uj = rj - rs
            for k in (j + 1)..<count where distances[k] < rc {
                let sj = species[j], sk = species[k]
                guard (sj == elements.0 && sk == elements.1) || (sj == elements.1 && sk == elements.0) else { continue }
                let dk = displacements[k], rk = distances[k], uk = rk - rs
                let djk = dk - dj, rjk = (djk * djk).sum().squareRoot()
                if !g.isWide && rjk >= rc { continue }
                let cosine = (dj * dk).sum() / (rj * rk)
                let (a, da) = g.angularPart(cosine)
                if a == 0 { continue }
                var exponent = uj * uj + uk * uk
                var fjk = 1.0, dfjk = 0.0, ujk = 0.0
                if !g.isWide {
                    ujk = rjk - rs
                    exponent += ujk * ujk
                    (fjk, dfjk) = g.cutoff.valueAndDerivative(rjk)
                }
                let e = p * exp(-eta * exponent)
                let fc = cutoffs[j] * cutoffs[k] * fjk
                sum += a * e * fc
                // ∂/∂d_j and ∂/∂d_k (d_jk fixed), then the r_jk factors.
                let angle = da * e * fc / (rj * rk)
                let gj = angle * (dk - (cosine * rk / rj) * dj)
                    + (a * e * (cutoffDerivatives[j] * cutoffs[k] * fjk - 2 * eta * uj * fc) / rj) * dj
                let gk = angle * (dj - (cosine * rj / rk) * dk)
                    + (a * e * (cutoffs[j] * cutoffDerivatives[k] * fjk - 2 * eta * uk * fc) / rk) * dk
                var gjk = SIMD3<Double>.zero
                if !g.isWide {
                    gjk = (a * e * (cutoffs[j] * cutoffs[k] * dfjk - 2 * eta * ujk * fc) / rjk) * djk
                }
                out[0] -= gj + gk
                out[(j + 1) * stride] += gj - gjk
                out[(k + 1) * stride] += gk + gjk
            }
        }
        return sum
    }
}
