/// What one `SeedProcessor.runOnce` did.
package struct SeedRunReport: Sendable, Equatable, Codable {
    /// Items leased this round.
    package var claimed = 0
    /// Items that finished every language.
    package var completedItems = 0
    /// Languages whose entry was generated and stored.
    package var languagesStored = 0
    /// Languages skipped because the dictionary already had the entry.
    package var languagesAlreadyPresent = 0
    /// Languages whose entry scored below the threshold and went to manual review.
    package var sentToReview = 0
    /// Items that failed and will be retried later.
    package var retriesScheduled = 0
    /// Items moved to the dead-letter queue.
    package var deadLettered = 0
    /// Items given back unfinished (shutdown or exhausted budget).
    package var released = 0
    /// Items whose lease was lost mid-work (their work was not committed).
    package var leasesLost = 0
    /// The daily token budget refused a reservation; the run stopped.
    package var budgetExhausted = false
    /// Tokens the generator reported.
    package var tokensUsed = 0
    /// Reservations of dead or hung workers booked as used at their full size this round (the ledger's bounded loss).
    package var abandonedReservations = 0
    /// Their tokens.
    package var abandonedTokens = 0
    /// One line per failure: "<term> (<lang>): <error>".
    package var errors: [String] = []

    /// The documented defaults.
    package init() {}
}
