/// The instrument a score is written for (schema spec spelling: uppercase).
package enum Instrument: String, Codable, Sendable, CaseIterable {
    case piano = "PIANO", guitar = "GUITAR", both = "BOTH"
}

/// Coarse difficulty of a score (schema spec spelling: uppercase).
package enum Difficulty: String, Codable, Sendable, CaseIterable {
    case beginner = "BEGINNER", intermediate = "INTERMEDIATE", advanced = "ADVANCED"
}

/// Style period of a score (schema spec spelling: uppercase).
package enum StylePeriod: String, Codable, Sendable, CaseIterable {
    case baroque = "BAROQUE", classical = "CLASSICAL", romantic = "ROMANTIC", modern = "MODERN", contemporary = "CONTEMPORARY"
}

/// Where a score came from.
package enum ScoreSource: String, Codable, Sendable, CaseIterable {
    case imslp, upload, generated, manual
}

/// Who may see a score: its owner only, everyone, or anyone with the link.
package enum ScoreVisibility: String, Codable, Sendable, CaseIterable {
    case `private`, `public`, unlisted
}

/// File format of a score version.
package enum ScoreFormat: String, Codable, Sendable, CaseIterable {
    case pdf, musicxml, vexflow, image, abc
}

/// Rendering state of a score version: `pending → processing → completed | failed`.
package enum ProcessingStatus: String, Codable, Sendable, CaseIterable {
    case pending, processing, completed, failed

    /// The states this one may move to; every other change is refused.
    package var allowedNext: Set<ProcessingStatus> {
        switch self {
        case .pending: [.processing]
        case .processing: [.completed, .failed]
        case .completed, .failed: []
        }
    }
}

/// Who may see a collection.
package enum CollectionVisibility: String, Codable, Sendable, CaseIterable {
    case `private`, `public`, shared
}

/// The three counters of `score_analytics`.
package enum ScoreCounter: String, Codable, Sendable, CaseIterable {
    case view, download, render

    /// The column the counter lives in (fixed names, never user text).
    var column: String { "\(rawValue)_count" }
}
