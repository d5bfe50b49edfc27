package import DictStore
package import DictVectors
package import DictionaryCore
package import Foundation
import GRDB

/// Imports precomputed vectors into `term_embeddings` for one model: JSONL lines (`entry_id` or `term`+`lang`,
/// optional `model` and `chunk`, `vector` or `embedding`), a `.npy` float32 matrix, or raw little-endian float32
/// rows, the last two with an id list (one entry id per row). Each line or row is checked (entry exists, model,
/// dimension, NaN/∞, zero vector, duplicates) and the whole file is written in one transaction through
/// `EmbeddingStore`'s cached statement, in batches. By default the first bad record aborts with its line and nothing
/// is written; with `skipInvalid` bad records are reported and the rest is imported. Indexes in other processes
/// pick the rows up by row-id high-water mark after the commit.
package struct EmbeddingFileImporter: Sendable {
    package let database: StoreDatabase
    /// The model and dimension every vector is stored under.
    package let store: EmbeddingStore

    package init(database: StoreDatabase, store: EmbeddingStore) {
        self.database = database
        self.store = store
    }

    /// Reads and imports `path` (`format` nil: from the extension, else JSONL); matrices need `idList`.
    /// `progress(done, total)` is called after each written batch.
    package func importFile(
        at path: String, format: EmbeddingFileFormat? = nil, idList: String? = nil, skipInvalid: Bool = false,
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> EmbeddingFileImportReport {
        let format = format ?? EmbeddingFileFormat(path: path) ?? .jsonl
        if format == .jsonl {
            return try importJSONL(Self.read(path), name: path, skipInvalid: skipInvalid, progress: progress)
        }
        guard let idList else { throw EmbeddingFileImportError.idListRequired(file: path) }
        let bytes = [UInt8](try Self.read(path))
        guard !bytes.isEmpty else { throw EmbeddingFileImportError.emptyFile(file: path) }
        let matrix: FloatMatrix
        let ids: [String]
        do {
            matrix = format == .npy ? try NPYReader.parse(bytes, path: path) : try RawFloat32Reader.parse(bytes, dimension: store.dimension, path: path)
        } catch let error as EmbeddingFileError {
            throw EmbeddingFileImportError.matrix(error)
        }
        do { ids = try IDListReader.parse([UInt8](try Self.read(idList))) } catch EmbeddingFileError.invalidLine(let line, let reason) {
            throw EmbeddingFileImportError.invalidIDList(file: idList, line: line, reason: reason)
        }
        return try importMatrix(matrix, ids: ids, name: path, idListName: idList, skipInvalid: skipInvalid, progress: progress)
    }

    /// Imports JSONL bytes; `name` names the file in errors.
    package func importJSONL(
        _ data: Data, name: String, skipInvalid: Bool = false, progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> EmbeddingFileImportReport {
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let total = lines.count(where: { line in line.contains { !Self.isJSONWhitespace($0) } })
        guard total > 0 else { throw EmbeddingFileImportError.emptyFile(file: name) }
        var report = EmbeddingFileImportReport(model: store.model, dimension: store.dimension)
        let decoder = JSONDecoder()
        let written = try database.bulkWrite { db in
            let highWater = try SenseAttributes.highWater(model: store.model, in: db)
            var writer = EmbeddingBatchWriter(db: db, store: store)
            progress(0, total)
            for (offset, bytes) in lines.enumerated() where bytes.contains(where: { !Self.isJSONWhitespace($0) }) {
                let lineNumber = offset + 1
                report.records += 1
                do {
                    let record = try self.record(from: bytes, decoder: decoder, writer: writer)
                    try writer.add(record, line: lineNumber)
                } catch let problem as EmbeddingRecordProblem {
                    guard skipInvalid else { throw EmbeddingFileImportError.invalidLine(file: name, line: lineNumber, problem: problem) }
                    report.skipped.append(SkippedRecord(line: lineNumber, reason: problem.description))
                }
                if report.records % EmbeddingBatchWriter.batchSize == 0 { progress(report.records, total) }
            }
            try writer.flush()
            try SenseAttributes.fill(model: store.model, rowsAbove: highWater, in: db)
            progress(report.records, total)
            return writer.written
        }
        report.written = written
        return report
    }

    /// Imports `matrix` whose row `i` belongs to `ids[i]`; `name` and `idListName` name the files in errors.
    package func importMatrix(
        _ matrix: FloatMatrix, ids: [String], name: String, idListName: String, skipInvalid: Bool = false,
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> EmbeddingFileImportReport {
        guard matrix.rows > 0 else { throw EmbeddingFileImportError.emptyFile(file: name) }
        guard matrix.dimension == store.dimension else {
            throw EmbeddingFileImportError.dimensionMismatch(file: name, expected: store.dimension, found: matrix.dimension)
        }
        guard ids.count == matrix.rows else { throw EmbeddingFileImportError.matrix(.idCountMismatch(vectors: matrix.rows, ids: ids.count)) }
        var report = EmbeddingFileImportReport(model: store.model, dimension: store.dimension)
        let written = try database.bulkWrite { db in
            let highWater = try SenseAttributes.highWater(model: store.model, in: db)
            var writer = EmbeddingBatchWriter(db: db, store: store)
            progress(0, matrix.rows)
            for row in 0..<matrix.rows {
                report.records += 1
                do {
                    let entryID = try writer.resolve(.entryID(ids[row]))
                    try writer.add(EmbeddingRecord(entryID: entryID, vector: Array(matrix.row(row))), line: row + 1)
                } catch let problem as EmbeddingRecordProblem {
                    guard skipInvalid else {
                        throw EmbeddingFileImportError.invalidRow(file: name, row: row + 1, idList: idListName, problem: problem)
                    }
                    report.skipped.append(SkippedRecord(line: row + 1, reason: problem.description))
                }
                if report.records % EmbeddingBatchWriter.batchSize == 0 { progress(report.records, matrix.rows) }
            }
            try writer.flush()
            try SenseAttributes.fill(model: store.model, rowsAbove: highWater, in: db)
            progress(report.records, matrix.rows)
            return writer.written
        }
        report.written = written
        return report
    }

    /// Decodes one JSONL line into a record for an existing entry. Throws `EmbeddingRecordProblem`.
    private func record(from bytes: Data.SubSequence, decoder: JSONDecoder, writer: EmbeddingBatchWriter) throws -> EmbeddingRecord {
        let line = try DecodedEmbeddingLine(bytes, model: store.model, decoder: decoder)
        return EmbeddingRecord(entryID: try writer.resolve(line.target), chunk: line.chunk, vector: line.vector, sourceHash: line.sourceHash)
    }

    static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    static func read(_ path: String) throws -> Data {
        do { return try InputFile.read(path) } catch {
            throw EmbeddingFileImportError.unreadableFile(file: path, reason: error.localizedDescription)
        }
    }
}
