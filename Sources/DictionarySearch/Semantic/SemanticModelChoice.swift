package import DictStore
package import DictionaryCore
package import GRDB

/// Which model semantic search uses in a data directory, and how it is changed.
///
/// - The model recorded in `semantic_model` (migration 0010) by the last `dict embed --model NAME` that left every
///   entry with that model's vectors;
/// - else, when exactly one model dict can run has vectors, that model (vectors of other models, brought in by
///   `dict import embeddings --model X`, are kept but never searched);
/// - else, with no vectors at all, `SemanticModel.defaultModel` (all-MiniLM-L6-v2);
/// - else (several models' vectors, nothing recorded) an error naming them.
///
/// Changing the model is `dict embed --model NAME`, never a side effect of searching.
package enum SemanticModelChoice {
    /// How the model was chosen, for `dict doctor` and notes.
    package enum Source: String, Sendable {
        /// Recorded by `dict embed --model`.
        case recorded
        /// The only model with stored vectors.
        case onlyVectors = "only model with vectors"
        /// No vectors and nothing recorded: the default.
        case defaultModel = "default"
    }

    /// The model search uses in `database` and why.
    /// - Throws: `SemanticModelError.ambiguous` or `.unknownModel` (a recorded name dict does not know).
    package static func resolve(_ database: StoreDatabase) throws -> (model: SemanticModel, source: Source) {
        let (recorded, withVectors) = try stored(in: database)
        return try resolve(recorded: recorded, withVectors: withVectors)
    }

    /// The model of a database whose recorded choice is `recorded` and whose vectors belong to `withVectors`, and why.
    package static func resolve(recorded: String?, withVectors: [String]) throws -> (model: SemanticModel, source: Source) {
        if let recorded { return (try SemanticModel(named: recorded), .recorded) }
        let stored = withVectors.filter { SemanticModel(rawValue: $0) != nil }
        switch stored.count {
        case 0: return (SemanticModel.defaultModel, .defaultModel)
        case 1: return (try SemanticModel(named: stored[0]), .onlyVectors)
        default: throw SemanticModelError.ambiguous(models: stored)
        }
    }

    /// The recorded model's name, if any.
    package static func recordedName(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT model FROM semantic_model WHERE id = 1")
    }

    /// The distinct models with stored vectors, sorted: one seek per model along the `(model, id)` index (a
    /// `SELECT DISTINCT` walks the whole index, about 100 ms on WordNet's 205k vectors, at every start-up).
    package static func modelsWithVectors(_ db: Database) throws -> [String] {
        let next = try db.cachedStatement(sql: "SELECT model FROM term_embeddings WHERE model > ? ORDER BY model LIMIT 1")
        var models: [String] = []
        while let model = try String.fetchOne(next, arguments: [models.last ?? ""]) { models.append(model) }
        return models
    }

    /// The recorded model's name and the models with stored vectors, read in one snapshot.
    package static func stored(in database: StoreDatabase) throws -> (recorded: String?, withVectors: [String]) {
        try database.read { db in (try recordedName(db), try modelsWithVectors(db)) }
    }

    /// Records `model` as the data directory's semantic model; returns the name it replaced (nil when none was
    /// recorded or it was the same).
    @discardableResult
    package static func record(_ model: SemanticModel, dimension: Int, in database: StoreDatabase) throws -> String? {
        try database.write { db in
            let previous = try recordedName(db)
            try db.execute(sql: """
                INSERT INTO semantic_model (id, model, dimension, chosen_at) VALUES (1, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET model = excluded.model, dimension = excluded.dimension, chosen_at = excluded.chosen_at
                """, arguments: [model.rawValue, dimension, Timestamp.now()])
            return previous == model.rawValue ? nil : previous
        }
    }
}
