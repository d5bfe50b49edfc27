/// A record that `skipInvalid` left out of an import: its 1-based line (or matrix row) and why it was rejected.
package struct SkippedRecord: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line of the record in its file (for CSV the line the record starts on; for matrices the row).
    package let line: Int
    /// What was wrong, in the same words an aborting import would use.
    package let reason: String

    package init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    package var description: String { "line \(line): \(reason)" }
}
