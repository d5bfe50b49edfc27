/// Limits of a bulk import (§7.1 of the original): the text, each line, and the number of distinct terms.
package struct BulkImportLimits: Sendable, Equatable {
    /// Characters the whole text may have.
    package var maximumCharacters = 50_000
    /// Characters one term (a trimmed line) may have; longer lines are reported and skipped.
    package var maximumTermLength = 100
    /// Distinct terms one import may queue.
    package var maximumTerms = 500

    /// The documented defaults.
    package init() {}
}
