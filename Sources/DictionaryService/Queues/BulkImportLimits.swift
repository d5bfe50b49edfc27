/// Limits of a bulk import (§7.1 of the original): the text, each line, and the number of distinct terms.
public struct BulkImportLimits: Sendable, Equatable {
    /// Characters the whole text may have.
    public var maximumCharacters = 50_000
    /// Characters one term (a trimmed line) may have; longer lines are reported and skipped.
    public var maximumTermLength = 100
    /// Distinct terms one import may queue.
    public var maximumTerms = 500

    /// The documented defaults.
    public init() {}
}
