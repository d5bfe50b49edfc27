/// The operations `OperationalFailures` watches: each may fail without failing its caller, and each failure
/// changes results or loses a record, so it is logged, counted and shown by `/health`.
package enum OperationalFailure: String, CaseIterable, Sendable, Codable {
    /// Re-reading written entries' vectors into the in-memory index (search would serve stale vectors).
    case vectorIndexRefresh = "vector_index_refresh"
    /// Re-reading written entries' sense priors and totals (ranking would use stale priors).
    case senseTotalsRefresh = "sense_totals_refresh"
    /// Writing a model call's row to `ai_model_usage` (the usage report would miss it).
    case modelUsageRecord = "model_usage_record"
    /// Returning an unused token reservation (the day's budget stays held until the reservation expires).
    case tokenReservationRelease = "token_reservation_release"
    /// Handing a claimed queue item back when the budget ran out (it returns when its lease expires).
    case queueItemRelease = "queue_item_release"
    /// Rebuilding the in-memory trigram table of terms (lexical search falls back to SQL meanwhile).
    case termTrigramRebuild = "term_trigram_rebuild"
}
