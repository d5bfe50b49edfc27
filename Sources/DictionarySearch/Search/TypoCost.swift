/// How likely a misspelling is, for ordering typo matches that are already within `EditDistance.tolerance`:
/// an optimal-string-alignment distance counted in half edits, where the slips people make by sound or by habit
/// cost half an edit instead of a whole one:
/// - a letter doubled or undoubled ("tommorow" → tomorrow, "betoven" → beethoven's "ee"),
/// - a silent "h" after c, g, p, s, t, w or r dropped or added ("rythm" → rhythm, "betoven" → beethoven's "th"),
/// - "f" written for "ph" or back ("elefant" → elephant).
/// Every other insertion, deletion, substitution or adjacent transposition costs a whole edit (2). So "betoven" is
/// as close to Beethoven as to betoken and the more frequent word comes first, where plain edit distance put betoken
/// (one substitution) ahead of Beethoven (two insertions). Chosen on the typed tuning set (docs/search.md).
enum TypoCost {
    /// The cost of turning `query` into `term`, in half edits. O(|query|·|term|).
    static func halfEdits(from query: [Unicode.Scalar], to term: [Unicode.Scalar]) -> Int {
        let n = query.count, m = term.count
        let width = m + 1
        // Row-major (n + 1) × (m + 1) table; row i is the first i scalars of the query.
        var cost = [Int](repeating: 0, count: (n + 1) * width)
        for i in 0...n {
            for j in 0...m {
                if i == 0 && j == 0 { continue }
                var best = Int.max
                if i > 0 { best = min(best, cost[(i - 1) * width + j] + indelCost(query, i - 1)) }
                if j > 0 { best = min(best, cost[i * width + j - 1] + indelCost(term, j - 1)) }
                if i > 0, j > 0 {
                    best = min(best, cost[(i - 1) * width + j - 1] + (query[i - 1] == term[j - 1] ? 0 : 2))
                }
                if i > 1, j > 1, query[i - 1] == term[j - 2], query[i - 2] == term[j - 1] {
                    best = min(best, cost[(i - 2) * width + j - 2] + 2)
                }
                if i > 0, j > 1, query[i - 1] == "f", term[j - 2] == "p", term[j - 1] == "h" {
                    best = min(best, cost[(i - 1) * width + j - 2] + 1)
                }
                if j > 0, i > 1, term[j - 1] == "f", query[i - 2] == "p", query[i - 1] == "h" {
                    best = min(best, cost[(i - 2) * width + j - 1] + 1)
                }
                cost[i * width + j] = best
            }
        }
        return cost[n * width + m]
    }

    /// Inserting or deleting `text[index]`: half an edit when it doubles a neighbour or is a silent "h".
    private static func indelCost(_ text: [Unicode.Scalar], _ index: Int) -> Int {
        let scalar = text[index]
        if index > 0, text[index - 1] == scalar { return 1 }
        if index + 1 < text.count, text[index + 1] == scalar { return 1 }
        if scalar == "h", index > 0, silentHAfter.contains(text[index - 1]) { return 1 }
        return 2
    }

    private static let silentHAfter: Set<Unicode.Scalar> = ["c", "g", "p", "s", "t", "w", "r"]
}
