import DictMigrations
import DictStore
import DictTesting
import DictVectors
import Foundation
import GRDB
import Testing
@testable import DictionaryCore
@testable import DictionaryImport


@Suite struct EmbeddingFileImporterTests {
    /// A dictionary with three entries, an importer for a 4-d test model, and a folder for files.
    struct Fixture {
        let database: StoreDatabase
        let keepAlive: TemporaryDirectory?
        let folder: TemporaryDirectory
        let importer: EmbeddingFileImporter
        let ids: [String: String]

        init(_ kind: DatabaseKind) throws {
            (database, keepAlive) = try kind.open(.dictionary)
            folder = try TemporaryDirectory()
            let repository = EntryRepository(database: database)
            var ids: [String: String] = [:]
            for (term, lang) in [("crescendo", Language.en), ("Crème", .fr), ("渐强", .zhCN)] {
                ids[term] = try repository.create(EntryDraft(term: term, lang: lang, type: .dynamics)).id
            }
            self.ids = ids
            importer = EmbeddingFileImporter(database: database, store: try EmbeddingStore(model: "test-model", dimension: 4))
        }

        /// Stored (entry id, chunk) → vector for the test model.
        func stored() throws -> [String: [Float]] {
            try database.read { db in
                var result: [String: [Float]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT entry_id, chunk, embedding FROM term_embeddings WHERE model = 'test-model'") {
                    let blob: Data = row["embedding"]
                    let floats = stride(from: 0, to: blob.count, by: 4).map { offset in
                        Float(bitPattern: blob[blob.startIndex + offset..<blob.startIndex + offset + 4].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
                    }
                    result["\(row["entry_id"] as String)#\(row["chunk"] as Int)"] = floats
                }
                return result
            }
        }

        func write(_ name: String, _ bytes: [UInt8]) throws -> String {
            let path = folder.url.appendingPathComponent(name).path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    static func npy(rows: Int, dimension: Int, values: [Float], dropTail: Int = 0) -> [UInt8] {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(dimension)), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(header.utf8.count & 0xff), UInt8(header.utf8.count >> 8)]
        bytes += Array(header.utf8)
        return Array((bytes + raw(values)).dropLast(dropTail))
    }

    static func raw(_ values: [Float]) -> [UInt8] {
        values.flatMap { value -> [UInt8] in
            let bits = value.bitPattern.littleEndian
            return [UInt8(bits & 0xff), UInt8((bits >> 8) & 0xff), UInt8((bits >> 16) & 0xff), UInt8(bits >> 24)]
        }
    }

    @Test(arguments: DatabaseKind.allCases)
    func importsJSONLByIDAndByTermAndLanguage(kind: DatabaseKind) throws {
        let fixture = try Fixture(kind)
        let crescendo = try #require(fixture.ids["crescendo"]), creme = try #require(fixture.ids["Crème"]), chinese = try #require(fixture.ids["渐强"])
        let jsonl = """
            {"entry_id":"\(crescendo)","model":"test-model","vector":[1,0,0,0.5]}

            {"term":"CRÈME","lang":"fr","embedding":[0,2,0,0]}
            {"term":"渐强","lang":"zh-CN","chunk":1,"vector":[-1.5,0,0.25,1e-3],"source_hash":"abc"}
            """
        var progress: [(Int, Int)] = []
        let report = try fixture.importer.importJSONL(Data(jsonl.utf8), name: "v.jsonl") { progress.append(($0, $1)) }
        #expect(report.records == 3 && report.written == 3 && report.skipped.isEmpty)
        #expect(progress.last.map { $0 == (3, 3) } == true)
        let stored = try fixture.stored()
        #expect(stored == ["\(crescendo)#0": [1, 0, 0, 0.5], "\(creme)#0": [0, 2, 0, 0], "\(chinese)#1": [-1.5, 0, 0.25, 1e-3]])
        // Re-import replaces the vectors in place (same entry, model and chunk).
        let again = "{\"entry_id\":\"\(crescendo)\",\"vector\":[0,0,0,3]}"
        #expect(try fixture.importer.importJSONL(Data(again.utf8), name: "v.jsonl").written == 1)
        let after = try fixture.stored()
        #expect(after.count == 3 && after["\(crescendo)#0"] == [0, 0, 0, 3])
    }

    @Test(arguments: DatabaseKind.allCases)
    func importsNPYAndRawFloat32WithIDLists(kind: DatabaseKind) throws {
        let fixture = try Fixture(kind)
        let order = [try #require(fixture.ids["渐强"]), try #require(fixture.ids["crescendo"])]
        let values: [Float] = [1, 2, 3, 4, -0.5, 0, 0, 7]
        let ids = try fixture.write("ids.txt", Array((order.joined(separator: "\n") + "\n").utf8))
        let npy = try fixture.write("v.npy", Self.npy(rows: 2, dimension: 4, values: values))
        let report = try fixture.importer.importFile(at: npy, idList: ids)
        #expect(report.written == 2 && report.records == 2)
        #expect(try fixture.stored() == ["\(order[0])#0": [1, 2, 3, 4], "\(order[1])#0": [-0.5, 0, 0, 7]])

        let f32 = try fixture.write("v.f32", Self.raw(values.reversed()))
        #expect(try fixture.importer.importFile(at: f32, idList: ids).written == 2)
        #expect(try fixture.stored() == ["\(order[0])#0": [7, 0, 0, -0.5], "\(order[1])#0": [4, 3, 2, 1]])
    }

    @Test(arguments: DatabaseKind.allCases)
    func hostileJSONLLinesAbortWithTheirLineAndWriteNothing(kind: DatabaseKind) throws {
        let fixture = try Fixture(kind)
        let id = try #require(fixture.ids["crescendo"])
        let good = Array("{\"entry_id\":\"\(id)\",\"vector\":[1,2,3,4]}\n".utf8)
        let cases: [([UInt8], EmbeddingRecordProblem?)] = [
            (Array(#"{"term":"crème","lang":"fr","vector":[1,2,3]}"#.utf8), .invalidVector(.dimensionMismatch(expected: 4, found: 3, entryID: fixture.ids["Crème"]))),
            (Array(#"{"term":"crème","lang":"fr","vector":[1,1e39,3,4]}"#.utf8), .invalidVector(.nonFiniteComponent(index: 1, entryID: fixture.ids["Crème"]))),
            // 1e400 overflows Double: rejected either by the decoder or as infinite; the test checks the line only.
            (Array(#"{"term":"crème","lang":"fr","vector":[1,1e400,3,4]}"#.utf8), nil),
            (Array(#"{"term":"crème","lang":"fr","vector":[0,0,0,0]}"#.utf8), .invalidVector(.zeroVector(entryID: fixture.ids["Crème"]))),
            (Array(#"{"term":"crème","lang":"fr","chunk":-1,"vector":[1,0,0,0]}"#.utf8), .invalidVector(.invalidChunk(-1, entryID: fixture.ids["Crème"] ?? ""))),
            (Array(#"{"term":"crème","lang":"fr","model":"other","vector":[1,0,0,0]}"#.utf8), .modelMismatch(expected: "test-model", found: "other")),
            (Array(#"{"entry_id":"x' OR '1'='1","vector":[1,0,0,0]}"#.utf8), .unknownEntryID("x' OR '1'='1")),
            (Array(#"{"term":"nothing; DROP TABLE term_embeddings","lang":"en","vector":[1,0,0,0]}"#.utf8),
             .unknownTerm(term: "nothing; DROP TABLE term_embeddings", lang: "en")),
            (Array(#"{"term":"crème","lang":"xx","vector":[1,0,0,0]}"#.utf8), .invalidLanguage(found: "xx")),
            (Array(#"{"term":"crème","vector":[1,0,0,0]}"#.utf8), .missingTarget),
            (Array(#"{"term":"crème","lang":"fr"}"#.utf8), .missingVector),
            (Array(#"{"term":"crème","lang":"fr","vector":[1,"2",3,4]}"#.utf8), .invalidJSON(reason: "vector.1: expected Double")),
            (Array("{\"term\":\"cr".utf8) + [0xC3, 0x28] + Array("me\",\"lang\":\"fr\",\"vector\":[1,0,0,0]}".utf8), .invalidUTF8),
            (Array("{\"entry_id\":\"\(id)\",\"vector\":[4,3,2,1]}".utf8), .duplicate(firstLine: 1)),
        ]
        for (line, problem) in cases {
            do {
                _ = try fixture.importer.importJSONL(Data(good + line + [0x0A]), name: "bad.jsonl")
                Issue.record("expected line 2 to be rejected: \(String(decoding: line, as: UTF8.self))")
            } catch let EmbeddingFileImportError.invalidLine(file, lineNumber, found) {
                #expect(file == "bad.jsonl" && lineNumber == 2)
                if let problem { #expect(found == problem) }
            }
            #expect(try fixture.stored().isEmpty)
        }
        #expect(throws: EmbeddingFileImportError.emptyFile(file: "e.jsonl")) { try fixture.importer.importJSONL(Data(" \n\n".utf8), name: "e.jsonl") }
    }

    @Test(arguments: DatabaseKind.allCases)
    func hostileMatricesAbortAndWriteNothing(kind: DatabaseKind) throws {
        let fixture = try Fixture(kind)
        let crescendo = try #require(fixture.ids["crescendo"]), creme = try #require(fixture.ids["Crème"])
        let ids = try fixture.write("ids.txt", Array("\(crescendo)\n\(creme)\n".utf8))
        let values: [Float] = [1, 2, 3, 4, 5, 6, 7, 8]
        let truncated = try fixture.write("t.npy", Self.npy(rows: 2, dimension: 4, values: values, dropTail: 3))
        #expect(throws: EmbeddingFileImportError.self) { try fixture.importer.importFile(at: truncated, idList: ids) }
        let wide = try fixture.write("w.npy", Self.npy(rows: 1, dimension: 8, values: values))
        #expect(throws: EmbeddingFileImportError.dimensionMismatch(file: wide, expected: 4, found: 8)) {
            try fixture.importer.importFile(at: wide, idList: ids)
        }
        let short = try fixture.write("s.f32", Array(Self.raw(values).dropLast(2)))
        #expect(throws: EmbeddingFileImportError.matrix(.sizeNotMultiple(path: short, rowBytes: 16, foundBytes: 30))) {
            try fixture.importer.importFile(at: short, idList: ids)
        }
        let three = try fixture.write("three.f32", Self.raw(values + [1, 1, 1, 1]))
        #expect(throws: EmbeddingFileImportError.matrix(.idCountMismatch(vectors: 3, ids: 2))) {
            try fixture.importer.importFile(at: three, idList: ids)
        }
        let nan = try fixture.write("nan.f32", Self.raw([1, 2, 3, 4, 5, .nan, 7, 8]))
        #expect(throws: EmbeddingFileImportError.invalidRow(file: nan, row: 2, idList: ids, problem: .invalidVector(.nonFiniteComponent(index: 1, entryID: creme)))) {
            try fixture.importer.importFile(at: nan, idList: ids)
        }
        let hostileIDs = try fixture.write("hostile.txt", Array("\(crescendo)\n'); DELETE FROM dictionary_entries; --\n".utf8))
        let good = try fixture.write("good.f32", Self.raw(values))
        #expect(throws: EmbeddingFileImportError.invalidRow(file: good, row: 2, idList: hostileIDs, problem: .unknownEntryID("'); DELETE FROM dictionary_entries; --"))) {
            try fixture.importer.importFile(at: good, idList: hostileIDs)
        }
        let badList = try fixture.write("bad.txt", Array("\(crescendo)\n".utf8) + [0xFF, 0x0A])
        #expect(throws: EmbeddingFileImportError.invalidIDList(file: badList, line: 2, reason: "expected UTF-8 text, found invalid bytes")) {
            try fixture.importer.importFile(at: good, idList: badList)
        }
        let empty = try fixture.write("empty.npy", [])
        #expect(throws: EmbeddingFileImportError.emptyFile(file: empty)) { try fixture.importer.importFile(at: empty, idList: ids) }
        #expect(throws: EmbeddingFileImportError.idListRequired(file: good)) { try fixture.importer.importFile(at: good) }
        #expect(try fixture.stored().isEmpty)
        #expect(try fixture.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM dictionary_entries") } == 3)
    }

    @Test(arguments: DatabaseKind.allCases)
    func skipInvalidImportsTheRestAndReportsBadLines(kind: DatabaseKind) throws {
        let fixture = try Fixture(kind)
        let crescendo = try #require(fixture.ids["crescendo"]), creme = try #require(fixture.ids["Crème"])
        let jsonl = """
            {"entry_id":"\(crescendo)","vector":[1,0,0,0]}
            {"entry_id":"missing","vector":[1,0,0,0]}
            {not json
            {"term":"crème","lang":"fr","vector":[0,1,0,0]}
            {"term":"渐强","lang":"zh-CN","vector":[0,0,0,0]}
            """
        let report = try fixture.importer.importJSONL(Data(jsonl.utf8), name: "s.jsonl", skipInvalid: true)
        #expect(report.records == 5 && report.written == 2)
        #expect(report.skipped.map(\.line) == [2, 3, 5])
        #expect(report.skipped.first?.reason == "no entry with id \"missing\"")
        #expect(try fixture.stored() == ["\(crescendo)#0": [1, 0, 0, 0], "\(creme)#0": [0, 1, 0, 0]])

        let ids = try fixture.write("ids.txt", Array("nope\n\(creme)\n".utf8))
        let f32 = try fixture.write("v.f32", Self.raw([1, 1, 1, 1, 2, 2, 2, 2]))
        let matrixReport = try fixture.importer.importFile(at: f32, idList: ids, skipInvalid: true)
        #expect(matrixReport.written == 1 && matrixReport.skipped.map(\.line) == [1])
        #expect(try fixture.stored()["\(creme)#0"] == [2, 2, 2, 2])
    }
}
