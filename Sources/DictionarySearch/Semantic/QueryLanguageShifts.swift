package import DictVectors
package import DictionaryCore

/// How a query in another language differs from the same query in English, per language, for a model that keeps
/// each language apart in its one space (multilingual-e5-small: a German description lies nearer to German texts
/// about anything than to the English definition of what it describes). `dict embed` takes each shift from the
/// dictionary's own translations (`LanguageShiftSample`); search subtracts it from a query in that language, so
/// the query is compared as if asked in English. English queries are never changed.
///
/// A query is shifted only when it is searched among other languages' entries (`SearchService.shifted`). Its
/// language is the one the request states (`--query-lang`, `query_lang`); a mostly-CJK query that states none is
/// taken as Chinese, zh-CN or zh-TW by the shift it leans towards. A Latin-script query that states none is searched
/// as embedded: telling Spanish from English by the vector alone (nearest language mean) placed one English music
/// description in six elsewhere on the tuning half, and a wrong shift costs an English query what a right one gains.
package struct QueryLanguageShifts: Sendable, Equatable {
    /// Per language other than English: the mean of (query vector of a translated definition − query vector of its
    /// English original).
    package let shifts: [Language: [Float]]

    /// Shifts from their vectors (all of one length; English and vectors of another length are left out).
    package init(shifts: [Language: [Float]]) {
        let dimension = shifts.values.first?.count ?? 0
        self.shifts = shifts.filter { $0.key != .en && $0.value.count == dimension && dimension > 0 }
    }

    /// No shifts: queries are searched as embedded.
    package static let none = QueryLanguageShifts(shifts: [:])

    /// Whether any language has a shift.
    package var isEmpty: Bool { shifts.isEmpty }

    /// The Chinese variant (zh-CN or zh-TW) whose shift `query` leans towards most; nil when neither has one.
    package func chineseVariant(leaning query: UnitVector) -> Language? {
        let candidates = [Language.zhCN, .zhTW].compactMap { language in shifts[language].map { (language, $0) } }
        return candidates.max { lean(query, $0.1) < lean(query, $1.1) }?.0
    }

    /// `query` minus `language`'s shift, renormalized; `query` itself without a language, a shift, or a direction left.
    package func shifted(_ query: UnitVector, language: Language?) -> UnitVector {
        guard let language, let shift = shifts[language], shift.count == query.dimension,
              let moved = try? UnitVector(normalizing: zip(query.components, shift).map { $0 - $1 }, dimension: query.dimension)
        else { return query }
        return moved
    }

    /// The cosine between `query` and `shift`.
    private func lean(_ query: UnitVector, _ shift: [Float]) -> Float {
        let dot = zip(query.components, shift).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        let norm = shift.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? dot / norm : 0
    }
}
