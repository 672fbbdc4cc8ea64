/// The assignment problem: the permutation that minimises the summed cost, by the Hungarian
/// method with row and column potentials (Kuhn, Naval Res. Logist. Q. 2, 83 (1955); the
/// O(n³) shortest-augmenting-path form of Jonker & Volgenant, Computing 38, 325 (1987)).
enum Assignment {
    /// For a square cost matrix (`cost[i * n + j]`: row i to column j), the column of every
    /// row in an assignment of least total cost.
    static func solve(_ cost: [Double], size n: Int) -> [Int] {
        precondition(cost.count == n * n, "the cost matrix must be n × n")
        guard n > 0 else { return [] }
        // 1-based arrays as in the classical formulation; column 0 is a sentinel.
        var u = [Double](repeating: 0, count: n + 1), v = u
        var rowOfColumn = [Int](repeating: 0, count: n + 1), way = rowOfColumn
        var shortest = [Double](repeating: 0, count: n + 1)
        var used = [Bool](repeating: false, count: n + 1)
        for row in 1...n {
            rowOfColumn[0] = row
            var column = 0
            for k in 0...n {
                shortest[k] = .infinity
                used[k] = false
            }
            repeat {
                used[column] = true
                let i = rowOfColumn[column]
                var delta = Double.infinity, next = 0
                for j in 1...n where !used[j] {
                    let reduced = cost[(i - 1) * n + (j - 1)] - u[i] - v[j]
                    if reduced < shortest[j] {
                        shortest[j] = reduced
                        way[j] = column
                    }
                    if shortest[j] < delta {
                        delta = shortest[j]
                        next = j
                    }
                }
                for j in 0...n {
                    if used[j] {
                        u[rowOfColumn[j]] += delta
                        v[j] -= delta
                    } else {
                        shortest[j] -= delta
                    }
                }
                column = next
            } while rowOfColumn[column] != 0
            repeat {
                let previous = way[column]
                rowOfColumn[column] = rowOfColumn[previous]
                column = previous
            } while column != 0
        }
        var result = [Int](repeating: 0, count: n)
        for j in 1...n { result[rowOfColumn[j] - 1] = j - 1 }
        return result
    }
}
