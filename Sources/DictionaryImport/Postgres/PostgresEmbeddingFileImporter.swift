package import DictPostgres
package import DictVectors
import DictStore
import DictionaryCore
package import Foundation
import PostgresNIO

/// `dict import embeddings --database`: precomputed vectors into PostgreSQL's `term_embeddings` with the SQLite
/// importer's checks and results. Lines are decoded by the same code (`DecodedEmbeddingLine`), then, in one
/// transaction, every named entry is resolved with one query per kind (ids; normalized term and language) and each
/// record is checked in file order by `EmbeddingRecordChecker` (entry exists, dimension, NaN/∞, zero vector,
/// chunk, repeated entry and chunk), so a bad line throws the same `file:line` error before anything is written.
/// The accepted rows go in with `COPY` into a temporary table and one `INSERT … ON CONFLICT DO UPDATE` (a vector of
/// the same entry, model and chunk is replaced in place, keeping its id, as on SQLite), in file order so row ids
/// follow the file; new rows get their sense attributes filled from their entries' definitions. Whole or nothing.
package struct PostgresEmbeddingFileImporter: Sendable {
    package let session: PostgresSession
    /// The model every vector is stored under, and its dimension.
    package let model: String
    package let dimension: Int

    /// An importer for `model` with `dimension`-long vectors.
    /// - Throws: `VectorError.invalidModelName` or `.invalidDimension` (the SQLite store's checks).
    package init(session: PostgresSession, model: String, dimension: Int) throws {
        guard (1...200).contains(model.utf8.count) else { throw VectorError.invalidModelName(model) }
        guard VectorSearchLimits.dimensionRange.contains(dimension) else { throw VectorError.invalidDimension(dimension) }
        self.session = session
        self.model = model
        self.dimension = dimension
    }

    /// Reads and imports `path` (`format` nil: from the extension, else JSONL); matrices need `idList`.
    /// `progress(done, total)` is called before and after the write.
    package func importFile(
        at path: String, format: EmbeddingFileFormat? = nil, idList: String? = nil, skipInvalid: Bool = false,
        progress: (Int, Int) -> Void = { _, _ in }
    ) async throws -> EmbeddingFileImportReport {
        let format = format ?? EmbeddingFileFormat(path: path) ?? .jsonl
        if format == .jsonl {
            return try await importJSONL(EmbeddingFileImporter.read(path), name: path, skipInvalid: skipInvalid, progress: progress)
        }
        guard let idList else { throw EmbeddingFileImportError.idListRequired(file: path) }
        let bytes = [UInt8](try EmbeddingFileImporter.read(path))
        guard !bytes.isEmpty else { throw EmbeddingFileImportError.emptyFile(file: path) }
        let matrix: FloatMatrix
        let ids: [String]
        do {
            matrix = format == .npy ? try NPYReader.parse(bytes, path: path) : try RawFloat32Reader.parse(bytes, dimension: dimension, path: path)
        } catch let error as EmbeddingFileError {
            throw EmbeddingFileImportError.matrix(error)
        }
        do { ids = try IDListReader.parse([UInt8](try EmbeddingFileImporter.read(idList))) } catch EmbeddingFileError.invalidLine(let line, let reason) {
            throw EmbeddingFileImportError.invalidIDList(file: idList, line: line, reason: reason)
        }
        return try await importMatrix(matrix, ids: ids, name: path, idListName: idList, skipInvalid: skipInvalid, progress: progress)
    }

    /// Imports JSONL bytes; `name` names the file in errors.
    package func importJSONL(
        _ data: Data, name: String, skipInvalid: Bool = false, progress: (Int, Int) -> Void = { _, _ in }
    ) async throws -> EmbeddingFileImportReport {
        var report = EmbeddingFileImportReport(model: model, dimension: dimension)
        var decoded: [(line: Int, result: Result<DecodedEmbeddingLine, EmbeddingRecordProblem>)] = []
        let decoder = JSONDecoder()
        for (offset, bytes) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        where bytes.contains(where: { !EmbeddingFileImporter.isJSONWhitespace($0) }) {
            do {
                decoded.append((offset + 1, .success(try DecodedEmbeddingLine(bytes, model: model, decoder: decoder))))
            } catch let problem as EmbeddingRecordProblem {
                decoded.append((offset + 1, .failure(problem)))
            }
        }
        guard !decoded.isEmpty else { throw EmbeddingFileImportError.emptyFile(file: name) }
        report.records = decoded.count
        progress(0, decoded.count)
        (report.written, report.skipped) = try await session.transaction { session in
            let resolver = try await Resolver(targets: decoded.compactMap { try? $0.result.get().target }, session: session)
            var checker = EmbeddingRecordChecker(dimension: dimension)
            var accepted: [EmbeddingRecord] = []
            var skipped: [SkippedRecord] = []
            for (line, result) in decoded {
                do {
                    let decodedLine = try result.get()
                    let record = EmbeddingRecord(entryID: try resolver.resolve(decodedLine.target), chunk: decodedLine.chunk,
                                                 vector: decodedLine.vector, sourceHash: decodedLine.sourceHash)
                    try checker.check(record, line: line)
                    accepted.append(record)
                } catch let problem as EmbeddingRecordProblem {
                    guard skipInvalid else { throw EmbeddingFileImportError.invalidLine(file: name, line: line, problem: problem) }
                    skipped.append(SkippedRecord(line: line, reason: problem.description))
                }
            }
            let rows = accepted.map { (entryID: $0.entryID, chunk: $0.chunk, sourceHash: $0.sourceHash) }
            let vectors = accepted.map(\.vector)
            return (try await write(rows, vector: { vectors[$0][...] }, session: session), skipped)
        }
        progress(decoded.count, decoded.count)
        return report
    }

    /// Imports `matrix` whose row `i` belongs to `ids[i]`; `name` and `idListName` name the files in errors.
    package func importMatrix(
        _ matrix: FloatMatrix, ids: [String], name: String, idListName: String, skipInvalid: Bool = false,
        progress: (Int, Int) -> Void = { _, _ in }
    ) async throws -> EmbeddingFileImportReport {
        guard matrix.rows > 0 else { throw EmbeddingFileImportError.emptyFile(file: name) }
        guard matrix.dimension == dimension else {
            throw EmbeddingFileImportError.dimensionMismatch(file: name, expected: dimension, found: matrix.dimension)
        }
        guard ids.count == matrix.rows else { throw EmbeddingFileImportError.matrix(.idCountMismatch(vectors: matrix.rows, ids: ids.count)) }
        var report = EmbeddingFileImportReport(model: model, dimension: dimension)
        report.records = matrix.rows
        progress(0, matrix.rows)
        (report.written, report.skipped) = try await session.transaction { session in
            let resolver = try await Resolver(targets: ids.map { .entryID($0) }, session: session)
            var checker = EmbeddingRecordChecker(dimension: dimension)
            var skipped: [SkippedRecord] = []
            var rows: [(entryID: String, chunk: Int, sourceHash: String?)] = []
            var matrixRows: [Int] = []
            for row in 0..<matrix.rows {
                do {
                    let entryID = try resolver.resolve(.entryID(ids[row]))
                    try checker.check(EmbeddingRecord(entryID: entryID, vector: Array(matrix.row(row))), line: row + 1)
                    rows.append((entryID, 0, nil))
                    matrixRows.append(row)
                } catch let problem as EmbeddingRecordProblem {
                    guard skipInvalid else {
                        throw EmbeddingFileImportError.invalidRow(file: name, row: row + 1, idList: idListName, problem: problem)
                    }
                    skipped.append(SkippedRecord(line: row + 1, reason: problem.description))
                }
            }
            let sources = matrixRows
            return (try await write(rows, vector: { matrix.row(sources[$0]) }, session: session), skipped)
        }
        progress(matrix.rows, matrix.rows)
        return report
    }

    /// The stored ids of the entries some lines name, found with one query per kind of target.
    private struct Resolver {
        var ids: Set<String> = []
        var byKey: [String: String] = [:]

        init(targets: [DecodedEmbeddingLine.Target], session: PostgresSession) async throws {
            var wantedIDs: Set<String> = []
            var normalized: [String] = []
            var langs: [String] = []
            for target in targets {
                if case .entryID(let id) = target { wantedIDs.insert(id) } else if let key = target.lookupKey {
                    normalized.append(key.normalized)
                    langs.append(key.lang)
                }
            }
            if !wantedIDs.isEmpty {
                var statement = PostgresStatement()
                let sql = "SELECT id FROM dictionary_entries WHERE id = ANY(\(statement.bind(Array(wantedIDs))))"
                for row in try await session.query(statement.query(sql)) { ids.insert(try row.decode(String.self)) }
            }
            if !normalized.isEmpty {
                var statement = PostgresStatement()
                let sql = """
                    SELECT k.n, k.l, e.id FROM unnest(\(statement.bind(normalized))::text[], \(statement.bind(langs))::text[]) AS k(n, l)
                    JOIN dictionary_entries e ON e.normalized_term = k.n AND e.lang = k.l
                    """
                for row in try await session.query(statement.query(sql)) {
                    let (term, lang, id) = try row.decode((String, String, String).self)
                    byKey[term + "\u{0}" + lang] = id
                }
            }
        }

        func resolve(_ target: DecodedEmbeddingLine.Target) throws -> String {
            try target.resolve(byID: { ids.contains($0) ? $0 : nil }, byKey: { byKey[$0 + "\u{0}" + $1] })
        }
    }

    /// Writes the accepted rows (vector `i` from `vector(i)`) inside the caller's transaction; returns how many.
    private func write(
        _ rows: [(entryID: String, chunk: Int, sourceHash: String?)], vector: @Sendable (Int) -> ArraySlice<Float>, session: PostgresSession
    ) async throws -> Int {
        guard !rows.isEmpty else { return 0 }
        _ = try await session.execute("""
            CREATE TEMPORARY TABLE import_vectors (
                ord bigint NOT NULL, entry_id text NOT NULL, chunk bigint NOT NULL, embedding bytea NOT NULL, source_hash text,
                fresh boolean NOT NULL DEFAULT true
            ) ON COMMIT DROP
            """)
        try await session.copy(into: "import_vectors", columns: ["ord", "entry_id", "chunk", "embedding", "source_hash"], rows: rows.count) { i, text in
            text.append(i)
            text.append(rows[i].entryID)
            text.append(rows[i].chunk)
            text.append(littleEndianFloats: vector(i))
            text.append(rows[i].sourceHash)
        }
        // Rows that replace a stored vector keep its id and its sense attributes (the same entry and chunk), as on SQLite.
        var mark = PostgresStatement()
        let markSQL = """
            UPDATE import_vectors s SET fresh = false FROM term_embeddings t
            WHERE t.entry_id = s.entry_id AND t.model = \(mark.bind(model)) AND t.chunk = s.chunk
            """
        _ = try await session.query(mark.query(markSQL))
        var insert = PostgresStatement()
        let insertSQL = """
            INSERT INTO term_embeddings (entry_id, model, dimension, chunk, embedding, source_hash, created_at)
            SELECT entry_id, \(insert.bind(model)), \(insert.bind(dimension)), chunk, embedding, source_hash, \(insert.bind(Timestamp.now()))
            FROM import_vectors ORDER BY ord
            ON CONFLICT (entry_id, model, chunk) DO UPDATE SET
                dimension = EXCLUDED.dimension, embedding = EXCLUDED.embedding,
                source_hash = EXCLUDED.source_hash, created_at = EXCLUDED.created_at
            """
        _ = try await session.query(insert.query(insertSQL))
        var fill = PostgresStatement()
        let fillSQL = """
            UPDATE term_embeddings t SET \(PostgresEmbeddingStore.senseAssignments)
            FROM import_vectors s, dictionary_entries e
            WHERE s.fresh AND t.entry_id = s.entry_id AND t.model = \(fill.bind(model)) AND t.chunk = s.chunk AND e.id = t.entry_id
            """
        _ = try await session.query(fill.query(fillSQL))
        return rows.count
    }
}
