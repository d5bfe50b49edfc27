/// What one `SeedProcessor.runOnce` did.
public struct SeedRunReport: Sendable, Equatable, Codable {
    /// Items leased this round.
    public var claimed = 0
    /// Items that finished every language.
    public var completedItems = 0
    /// Languages whose entry was generated and stored.
    public var languagesStored = 0
    /// Languages skipped because the dictionary already had the entry.
    public var languagesAlreadyPresent = 0
    /// Languages whose entry scored below the threshold and went to manual review.
    public var sentToReview = 0
    /// Items that failed and will be retried later.
    public var retriesScheduled = 0
    /// Items moved to the dead-letter queue.
    public var deadLettered = 0
    /// Items given back unfinished (shutdown or exhausted budget).
    public var released = 0
    /// Items whose lease was lost mid-work (their work was not committed).
    public var leasesLost = 0
    /// The daily token budget refused a reservation; the run stopped.
    public var budgetExhausted = false
    /// Tokens the generator reported.
    public var tokensUsed = 0
    /// Reservations of dead or hung workers booked as used at their full size this round (the ledger's bounded loss).
    public var abandonedReservations = 0
    /// Their tokens.
    public var abandonedTokens = 0
    /// One line per failure: "<term> (<lang>): <error>".
    public var errors: [String] = []

    /// The documented defaults.
    public init() {}
}
