import DictPostgres
import DictTesting
import Foundation
import PostgresNIO
import Testing

/// `dict import entries` and `dict import embeddings` with `--database URL` (and `DICT_DATABASE_URL`): the same
/// files print the same summaries, bad files the same error lines and exit status, on PostgreSQL as on the SQLite
/// files, and the stored entries export the same.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct ImportFilesPostgresCLITests {
    static let entries = """
        {"term":"crescendo","lang":"en","type":"dynamics","definition":{"concise":"Gradually louder.","senses":[{"pos":"noun","gloss":"a gradual increase","frequency":3}]},"metadata":{"related_terms":["decrescendo"],"synonyms":["cresc."]},"quality_score":{"overall":88}}
        {"term":"decrescendo","lang":"en","type":"dynamics","definition":{"concise":"Gradually softer."},"relations":[{"term":"crescendo","lang":"en","type":"antonym","confidence":0.9}]}
        {"term":"渐强","lang":"zh-CN","type":"dynamics","definition":{"concise":"逐渐变强"},"metadata":{"translation_of":"crescendo"}}
        """
    static let csv = "term,lang,type,concise,detailed,synonyms,related_terms,overall\n"
        + "staccato,en,articulation,\"Short, detached.\",,stacc.,legato,91\n"
        + "Crescendo,en,dynamics,Kept.,,,,10\n"
        + "legato,en,articulation,Smooth.,,,staccato,\n"
    static let vectors = """
        {"term":"crescendo","lang":"en","vector":[1,0,0,0.5],"source_hash":"h"}
        {"term":"渐强","lang":"zh-CN","chunk":1,"vector":[0,1,0,0]}
        {"term":"staccato","lang":"en","model":"test-model","embedding":[0,0,1,0]}
        """

    /// Standard error without progress bars and with entry ids replaced.
    static func comparable(_ stderr: String) -> String {
        stderr.split(separator: "\n").filter { !$0.contains("[#") }.joined(separator: "\n")
            .replacingOccurrences(of: #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#, with: "<id>", options: .regularExpression)
    }

    @Test("Entries (JSONL, CSV, --on-existing, --skip-invalid) and embeddings print and store the same on PostgreSQL as on SQLite")
    func importsMatchSQLite() async throws {
        let folder = try TemporaryDirectory()
        func file(_ name: String, _ text: String) throws -> String {
            let path = folder.url.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let entries = try file("entries.jsonl", Self.entries)
        let csv = try file("more.csv", Self.csv)
        let vectors = try file("vectors.jsonl", Self.vectors)
        let badEntries = try file("bad.jsonl", "{\"term\":\"piano\",\"lang\":\"en\",\"type\":\"dynamics\"}\n{\"term\":\"forte\",\"lang\":\"xx\",\"type\":\"dynamics\"}\n")
        let existing = try file("existing.jsonl", "{\"term\":\"piano\",\"lang\":\"en\",\"type\":\"dynamics\"}\n{\"term\":\"STACCATO\",\"lang\":\"en\",\"type\":\"articulation\"}\n")
        let badVectors = try file("bad-vectors.jsonl", "{\"term\":\"legato\",\"lang\":\"en\",\"vector\":[1,0,0,0]}\n{\"term\":\"legato\",\"lang\":\"en\",\"vector\":[0,0,0,0]}\n")
        let embed = ["--model", "test-model", "--dimension", "4"]
        let round: [(arguments: [String], status: Int32)] = [
            (["import", "entries", entries, "--json"], 0),
            (["import", "entries", csv, "--on-existing", "skip"], 0),
            (["import", "entries", badEntries], 3),
            (["import", "entries", existing, "--on-existing", "fail"], 3),
            (["import", "entries", existing, "--on-existing", "fail", "--skip-invalid", "--json"], 0),
            (["import", "embeddings", vectors, "--json"] + embed, 0),
            (["import", "embeddings", badVectors] + embed, 3),
            (["import", "embeddings", badVectors, "--skip-invalid"] + embed, 0),
            (["export", "--format", "csv", "--output", "-"], 0),
        ]

        let sqliteDirectory = try TemporaryDirectory()
        let dataDir = ["--data-dir", sqliteDirectory.path]
        #expect(try await DictBinary.runOffPool(["migrate"] + dataDir).status == 0)
        var onSQLite: [DictBinary.Run] = []
        for step in round { onSQLite.append(try await DictBinary.runOffPool(step.arguments + dataDir)) }
        #expect(onSQLite.map(\.status) == round.map(\.status), "\(onSQLite.map(\.stderr))")
        let summary = try JSONSerialization.jsonObject(with: Data(onSQLite[0].stdout.utf8)) as? [String: Any]
        #expect(summary?["written"] as? Int == 3 && summary?["relations_created"] as? Int == 4, "\(onSQLite[0].stdout)")
        #expect(onSQLite[2].stderr.contains("bad.jsonl:2: "), "\(onSQLite[2].stderr)")
        #expect(onSQLite[3].stderr.contains("existing.jsonl:2: "), "\(onSQLite[3].stderr)")

        try await PostgresTestDatabase.with { database in
            #expect(try await DictBinary.runOffPool(["migrate", "--database", database.url]).status == 0)
            var onPostgres: [DictBinary.Run] = []
            for (index, step) in round.enumerated() {
                // Half the commands name the database with the flag, half through the environment.
                onPostgres.append(index % 2 == 0
                    ? try await DictBinary.runOffPool(step.arguments + ["--database", database.url])
                    : try await DictBinary.runOffPool(step.arguments, environment: ["DICT_DATABASE_URL": database.url]))
            }
            #expect(onPostgres.map(\.status) == round.map(\.status), "\(onPostgres.map(\.stderr))")
            // Every import prints the same summary or error (apart from the entry ids each engine draws and the
            // progress bars' rates); the exports hold the same entries in the same order.
            for index in round.indices {
                #expect(onPostgres[index].stdout == onSQLite[index].stdout, "\(round[index].arguments)")
                #expect(Self.comparable(onPostgres[index].stderr) == Self.comparable(onSQLite[index].stderr), "\(round[index].arguments)")
            }
            let session = try await database.session()
            let counts = try await session.execute("""
                SELECT (SELECT count(*) FROM dictionary.dictionary_entries), (SELECT count(*) FROM dictionary.term_embeddings),
                       (SELECT count(*) FROM dictionary.related_terms)
                """).first?.decode((Int, Int, Int).self)
            await session.close()
            // crescendo, decrescendo, 渐强, staccato, legato and piano (the --skip-invalid run); three vectors plus legato's.
            #expect(counts?.0 == 6 && counts?.1 == 4, "\(String(describing: counts))")
        }
    }
}
