import DictionaryCore
import GRDB

/// The WHERE and ORDER BY of a prefix search: the two index ranges (normalized and accent-folded key), the filters,
/// and the relevance order (preferred language, exact key, shorter terms, quality, popularity).
struct PrefixRange {
    let folded: String
    let whereSQL: String
    let whereArguments: [DatabaseValue]
    let orderSQL: String
    let orderArguments: [DatabaseValue]

    init(_ query: TermKeyQuery) {
        let (normalized, folded, filters, sort, preferredLanguage) = (query.normalized, query.folded, query.filters, query.sort, query.preferredLanguage)
        self.folded = folded
        let upper = TermKeyQuery.rangeEnd
        let (conditions, filterArguments) = filters.sqlConditions(indexable: false)
        var whereSQL = "((e.normalized_term >= ? AND e.normalized_term < ?) OR (e.folded_term >= ? AND e.folded_term < ?))"
        for condition in conditions { whereSQL += " AND \(condition)" }
        self.whereSQL = whereSQL
        whereArguments = [normalized, normalized + upper, folded, folded + upper].map(\.databaseValue) + filterArguments
        let (languageSQL, languageArguments) = SearchService.languageFirst(preferredLanguage)
        let tierSQL = "CASE WHEN e.normalized_term = ? OR e.folded_term = ? THEN 0 ELSE 1 END"
        orderSQL = sort == .relevance
            ? "\(languageSQL)\(tierSQL), (e.normalized_term <> ?), length(e.normalized_term), e.overall_score DESC, e.search_frequency DESC, e.normalized_term, e.seq"
            : "\(languageSQL)\(SearchService.orderClause(for: sort))"
        orderArguments = languageArguments + (sort == .relevance ? [normalized, folded, normalized].map(\.databaseValue) : [])
    }
}
