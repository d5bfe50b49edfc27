/// A `VectorFilter` translated to the index's integer codes, so a row test is two array loads and a range check.
package struct CompiledFilter {
    /// Allowed language codes (nil: any).
    private let languageAllowed: [Bool]?
    /// Allowed type codes (nil: any).
    private let typeAllowed: [Bool]?
    private let scoreRange: ClosedRange<Float>?
    /// True when the filter restricts nothing.
    package let isUnrestricted: Bool
    /// Upper bound on matching rows from per-code row counts (exact when only lang/type are restricted).
    package let estimatedMatches: Int

    package init(_ filter: VectorFilter, storage: IndexStorage) {
        isUnrestricted = filter.isUnrestricted
        scoreRange = filter.scoreRange
        var estimate = storage.count
        if let languages = filter.languages {
            var allowed = [Bool](repeating: false, count: storage.languages.count)
            var rows = 0
            for lang in languages {
                if let code = storage.code(ofLanguage: lang) {
                    allowed[Int(code)] = true
                    rows += storage.rowsPerLanguage[Int(code)]
                }
            }
            languageAllowed = allowed
            estimate = min(estimate, rows)
        } else {
            languageAllowed = nil
        }
        if let types = filter.types {
            var allowed = [Bool](repeating: false, count: storage.types.count)
            var rows = 0
            for type in types {
                if let code = storage.code(ofType: type) {
                    allowed[Int(code)] = true
                    rows += storage.rowsPerType[Int(code)]
                }
            }
            typeAllowed = allowed
            estimate = min(estimate, rows)
        } else {
            typeAllowed = nil
        }
        estimatedMatches = estimate
    }

    /// Whether row `position` passes.
    @inline(__always)
    package func matches(_ position: Int, in storage: IndexStorage) -> Bool {
        if let languageAllowed, !languageAllowed[Int(storage.langCodes[position])] { return false }
        if let typeAllowed, !typeAllowed[Int(storage.typeCodes[position])] { return false }
        if let scoreRange, !scoreRange.contains(storage.overallScores[position]) { return false }
        return true
    }

    /// Positions of all matching rows, in matrix order. O(n) over the small filter columns, never the matrix.
    package func candidates(in storage: IndexStorage) -> [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(estimatedMatches)
        for position in 0..<storage.count where matches(position, in: storage) {
            result.append(Int32(position))
        }
        return result
    }
}
