/// What to do when a new score has the normalized id of an existing one.
package enum DuplicatePolicy: String, Sendable, CaseIterable {
    /// Throw `ScoresError.duplicateScore`.
    case refuse
    /// Keep the existing row, fill its empty fields from the new one and add new tags.
    case merge
}
