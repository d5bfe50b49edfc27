import DictionaryGeneration

/// What `dict embed` did for the English companion's vectors (`SemanticModel.englishCompanion`), reported after the
/// model's own run on either engine.
struct CompanionEmbedReport {
    var model: String
    var missing: Int
    var stale: Int
    /// Entries whose definition could not be read (PostgreSQL's scan names them; SQLite's queue dead-letters them).
    var unreadable: [String] = []
    var totals: EmbeddingRunReport

    /// The `"companion"` object of `dict embed --json`.
    var json: [String: Any] {
        ["model": model, "queued_missing": missing, "queued_stale": stale, "entries_embedded": totals.embedded,
         "vectors_written": totals.vectorsWritten, "tokens": totals.tokensUsed]
    }

    /// The line printed after the model's own.
    var summary: String {
        "embedded \(totals.embedded) entries (\(totals.vectorsWritten) vectors, \(totals.tokensUsed) tokens) "
            + "with \(model), its English companion; \(missing) were missing, \(stale) stale"
    }
}
