/// Optimal-string-alignment edit distance (insertions, deletions, substitutions and adjacent transpositions each
/// cost 1), over Unicode scalars, with an early exit once every cell of a row exceeds `limit`.
enum EditDistance {
    /// The distance between `a` and `b`, or nil when it is greater than `limit`. O(|a|·|b|) time, O(|b|) space.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return nil }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }

    /// The largest distance a query of `length` scalars tolerates in suggestions: none up to 3, one up to 5, else two.
    static func tolerance(forLength length: Int) -> Int {
        length <= 3 ? 0 : (length <= 5 ? 1 : 2)
    }
}
