import DictPostgres
import DictionaryCore
import PostgresNIO

extension PostgresEntryImportStore {
    /// Links the `relations` an exported file's lines list (SQLite's `EntryFileImporter.linkExportedRelations`): each
    /// names its target by normalized term and exact language, resolved for all of them with one query; a type the
    /// schema does not allow, a name with no entry and a link to the entry itself count as unresolved; an existing
    /// (entry, related entry, type) row is kept and not counted. Returns (created, unresolved).
    func linkExportedRelations(
        _ entries: [(id: String, relations: [GlossaryImporter.Relation])], now: String, session: PostgresSession
    ) async throws -> (created: Int, unresolved: Int) {
        var keys: [String: Int] = [:]
        var names: [String] = []
        var langs: [String] = []
        var wanted: [(from: String, relation: GlossaryImporter.Relation, key: Int)] = []
        var unresolved = 0
        for entry in entries {
            for relation in entry.relations {
                guard EntryFileImporter.relationTypes.contains(relation.type) else {
                    unresolved += 1
                    continue
                }
                let normalized = TermNormalizer.normalize(relation.term)
                let key = normalized + "\u{0}" + relation.lang
                if keys[key] == nil {
                    keys[key] = names.count
                    names.append(normalized)
                    langs.append(relation.lang)
                }
                wanted.append((entry.id, relation, keys[key] ?? 0))
            }
        }
        guard !wanted.isEmpty else { return (0, unresolved) }
        var targets = [String?](repeating: nil, count: names.count)
        let rows = try await session.query("""
            SELECT k.i::bigint, e.id
            FROM unnest(\(names)::text[], \(langs)::text[]) WITH ORDINALITY AS k(n, l, i)
            JOIN dictionary_entries e ON e.normalized_term = k.n AND e.lang = k.l
            """)
        for row in rows {
            let (position, id) = try row.decode((Int, String).self)
            targets[position - 1] = id
        }
        var links: [[String?]] = []
        for (from, relation, key) in wanted {
            guard let target = targets[key], target != from else {
                unresolved += 1
                continue
            }
            links.append([RandomRowID.make(), from, target, relation.type, "\(relation.confidence ?? 0.8)", now])
        }
        let created = try await insertBatches(
            table: "related_terms", columns: ["id", "entry_id", "related_entry_id", "relationship_type", "confidence_score", "created_at"],
            types: ["text", "text", "text", "text", "double precision", "text"], rows: links, onConflictDoNothing: true, session: session)
        return (created, unresolved)
    }
}
