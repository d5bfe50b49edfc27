import DictPostgres
import DictTesting
import Foundation
import Testing

/// `dict embed --model` and the data directory's semantic model, through the built binary.
@Suite struct EmbedModelCLITests {
    static var e5Installed: Bool {
        FileManager.default.fileExists(atPath: DictBinary.packageRoot.appendingPathComponent("models/multilingual-e5-small/e5-small-q4.bin").path)
    }

    private func doctorCheck(_ name: String, _ arguments: [String]) throws -> [String: Any]? {
        let doctor = try DictBinary.run(["doctor", "--json"] + arguments, in: DictBinary.packageRoot)
        let checks = try #require(try JSONSerialization.jsonObject(with: Data(doctor.stdout.utf8)) as? [[String: Any]], "\(doctor.stderr)")
        return checks.first { $0["name"] as? String == name }
    }

    @Test func unknownModelIsUsageErrorAndSeveralUnrecordedModelsAreNamed() throws {
        let directory = try TemporaryDirectory()
        let common = try CLIFixture.importedDataDirectory(in: directory.url)
        let unknown = try CLIFixture.run(["embed", "--model", "gpt-9"] + common)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("multilingual-e5-small") && unknown.stderr.contains("all-MiniLM-L6-v2"), "\(unknown.stderr)")

        // Vectors of both models, imported, and no `dict embed --model` to say which one search uses.
        let vector = "[" + Array(repeating: "0.05", count: 384).joined(separator: ",") + "]"
        let file = directory.url.appendingPathComponent("v.jsonl")
        try Data("{\"term\":\"crescendo\",\"lang\":\"en\",\"vector\":\(vector)}\n".utf8).write(to: file)
        for model in ["all-MiniLM-L6-v2", "multilingual-e5-small", "someone-elses-model"] {
            let imported = try CLIFixture.run(["import", "embeddings", file.path, "--model", model, "--dimension", "384"] + common)
            #expect(imported.status == 0, "\(imported.stderr)")
        }
        let search = try CLIFixture.run(["search", "gradually louder", "--mode", "semantic"] + common)
        #expect(search.status == 3)
        #expect(search.stderr.contains("vectors of 2 models are stored (all-MiniLM-L6-v2, multilingual-e5-small)"), "\(search.stderr)")
        #expect(search.stderr.contains("dict embed --model NAME"), "\(search.stderr)")
        let hybrid = try CLIFixture.run(["search", "gradually louder"] + common)
        #expect(hybrid.status == 0 && hybrid.stderr.contains("semantic leg unavailable: vectors of 2 models"), "\(hybrid.stderr)")
        let check = try doctorCheck("semantic model", common)
        #expect(check?["ok"] as? Bool == false)
        #expect((check?["detail"] as? String)?.contains("vectors of 2 models") == true, "\(String(describing: check))")
    }

    /// e5 end to end on six entries: embedded as passages, recorded once complete, followed by doctor and search (a
    /// German and a Chinese description find crescendo among the English entries); a partial run of another model
    /// changes nothing (its vectors are the English companion's, reported incomplete), `dict embed` alone keeps the
    /// recorded model and completes the companion, and a complete run of the other model switches back.
    @Test(.enabled(if: EmbedModelCLITests.e5Installed && DictBinary.modelInstalled, "multilingual-e5-small or all-MiniLM-L6-v2 not installed: run `bash models/install.sh multilingual-e5-small` and `bash models/install.sh`"))
    func e5IsRecordedFollowedAndSwitchedOnlyWhenComplete() throws {
        let directory = try TemporaryDirectory()
        let common = try CLIFixture.importedDataDirectory(in: directory.url)
        func run(_ arguments: [String]) throws -> DictBinary.Run {
            try DictBinary.run(arguments + common, in: DictBinary.packageRoot)
        }

        let embedded = try run(["embed", "--model", "multilingual-e5-small", "--no-companion", "--json"])
        #expect(embedded.status == 0, "\(embedded.stderr)")
        let report = try CLIFixture.object(embedded.stdout)
        #expect(report["model"] as? String == "multilingual-e5-small" && report["entries_embedded"] as? Int == 6)
        #expect(report["companion"] is NSNull, "\(embedded.stdout)")
        let noCompanion = try doctorCheck("English companion", common)
        #expect(noCompanion?["ok"] as? Bool == true && (noCompanion?["detail"] as? String)?.hasPrefix("none: ") == true, "\(String(describing: noCompanion))")
        #expect(report["semantic_model"] as? String == "multilingual-e5-small")
        #expect(report["language_shifts"] is NSNull, "six entries hold no translations to take language shifts from: \(embedded.stdout)")
        #expect(embedded.stderr.contains("semantic model changed from the default (all-MiniLM-L6-v2) to multilingual-e5-small"), "\(embedded.stderr)")
        #expect((try doctorCheck("semantic model", common)?["detail"] as? String)?.hasPrefix("multilingual-e5-small (recorded)") == true)
        #expect(try doctorCheck("vectors", common)?["detail"] as? String == "6 of 6 entries have multilingual-e5-small vectors (6 rows)")
        let noShifts = try doctorCheck("language shifts", common)
        #expect(noShifts?["ok"] as? Bool == true && (noShifts?["detail"] as? String)?.hasPrefix("none: ") == true, "\(String(describing: noShifts))")

        let german = try run(["search", "allmählich lauter werdend", "--lang", "en", "--query-lang", "de", "--mode", "semantic", "--json"])
        #expect(german.status == 0, "\(german.stderr)")
        let germanResults = try #require(try CLIFixture.object(german.stdout)["results"] as? [[String: Any]])
        #expect(germanResults.first?["term"] as? String == "crescendo", "\(german.stdout)")
        #expect(germanResults.allSatisfy { $0["lang"] as? String == "en" })

        let chinese = try run(["search", "音量逐渐增强", "--lang", "en", "--json"])
        #expect(chinese.status == 0, "\(chinese.stderr)")
        let chineseBody = try CLIFixture.object(chinese.stdout)
        #expect((chineseBody["results"] as? [[String: Any]])?.first?["term"] as? String == "crescendo", "\(chinese.stdout)")
        #expect(!((chineseBody["notes"] as? [String]) ?? []).contains { $0.contains("CJK") }, "\(chinese.stdout)")
        #expect(((chineseBody["notes"] as? [String]) ?? []).contains("query language guessed: zh-CN (searched as with query_lang=zh-CN)"),
                "\(chinese.stdout)")
        // No --query-lang on a German sentence: guessed, and searched as with it.
        let guessed = try run(["search", "die Musik wird allmählich immer lauter", "--lang", "en", "--mode", "semantic", "--json"])
        #expect(guessed.status == 0, "\(guessed.stderr)")
        #expect(((try CLIFixture.object(guessed.stdout)["notes"] as? [String]) ?? []).contains { $0.hasPrefix("query language guessed: de") },
                "\(guessed.stdout)")
        let queries = directory.url.appendingPathComponent("cross.jsonl")
        try Data(#"{"query": "die Musik wird allmählich immer lauter", "expected": ["crescendo"], "lang": "de", "results_lang": "en"}"#.utf8)
            .write(to: queries)
        for flags in [[], ["--unstated-query-lang"]] {
            let measured = try run(["eval", queries.path, "--modes", "semantic", "--json"] + flags)
            #expect(measured.status == 0 && measured.stdout.contains("\"acc_at_10\":1"), "\(flags): \(measured.stdout) \(measured.stderr)")
        }

        let partial = try run(["embed", "--model", "all-MiniLM-L6-v2", "--limit", "2"])
        #expect(partial.status == 0, "\(partial.stderr)")
        #expect(partial.stderr.contains("search keeps using multilingual-e5-small"), "\(partial.stderr)")
        let still = try #require(try doctorCheck("semantic model", common)?["detail"] as? String)
        #expect(still.hasPrefix("multilingual-e5-small (recorded)") && !still.contains("not searched"), "\(still)")
        let partialCompanion = try doctorCheck("English companion", common)
        #expect(partialCompanion?["ok"] as? Bool == false, "\(String(describing: partialCompanion))")
        #expect((partialCompanion?["detail"] as? String)?.hasPrefix("2 of 6 entries have all-MiniLM-L6-v2 vectors") == true,
                "\(String(describing: partialCompanion))")

        // `dict embed` keeps e5 and completes its English companion; English queries then blend both.
        let completed = try run(["embed", "--json"])
        #expect(completed.status == 0, "\(completed.stderr)")
        let completedReport = try CLIFixture.object(completed.stdout)
        #expect(completedReport["model"] as? String == "multilingual-e5-small" && completedReport["entries_embedded"] as? Int == 0)
        let companion = try #require(completedReport["companion"] as? [String: Any], "\(completed.stdout)")
        #expect(companion["model"] as? String == "all-MiniLM-L6-v2" && companion["entries_embedded"] as? Int == 4, "\(completed.stdout)")
        #expect(try doctorCheck("English companion", common)?["ok"] as? Bool == true)
        let english = try run(["search", "gradually louder", "--mode", "semantic", "--json"])
        #expect(english.status == 0, "\(english.stderr)")
        #expect((try CLIFixture.object(english.stdout)["results"] as? [[String: Any]])?.first?["term"] as? String == "crescendo", "\(english.stdout)")
        let blended = try run(["eval", queries.path, "--modes", "semantic"])
        #expect(blended.status == 0 && blended.stderr.contains("English queries blended with all-MiniLM-L6-v2"), "\(blended.stderr)")

        let switched = try run(["embed", "--model", "all-MiniLM-L6-v2"])
        #expect(switched.status == 0, "\(switched.stderr)")
        #expect(switched.stderr.contains("semantic model changed from multilingual-e5-small to all-MiniLM-L6-v2"), "\(switched.stderr)")
        let again = try run(["embed"])
        #expect(again.status == 0 && again.stdout.contains("embedded 0 entries") && again.stdout.contains("with all-MiniLM-L6-v2"), "\(again.stdout)")
        #expect((try doctorCheck("semantic model", common)?["detail"] as? String)?.hasPrefix("all-MiniLM-L6-v2 (recorded)") == true)
    }

    /// `dict embed --model multilingual-e5-small` takes the language shifts from translated pairs (55 German entries
    /// translated from 55 English ones), keeps them while nothing changes, and cross-language search runs with them.
    @Test(.enabled(if: EmbedModelCLITests.e5Installed, "multilingual-e5-small not installed: run `bash models/install.sh multilingual-e5-small`"))
    func languageShiftsAreTakenFromTranslations() throws {
        let directory = try TemporaryDirectory()
        let lines = Self.translatedEntries()
        let common = try CLIFixture.importedDataDirectory(in: directory.url, entries: lines.joined(separator: "\n") + "\n")
        func run(_ arguments: [String]) throws -> DictBinary.Run {
            try DictBinary.run(arguments + common, in: DictBinary.packageRoot)
        }
        let embedded = try run(["embed", "--model", "multilingual-e5-small", "--json"])
        #expect(embedded.status == 0, "\(embedded.stderr)")
        let shifts = try CLIFixture.object(embedded.stdout)["language_shifts"] as? [String: Any]
        #expect(shifts?["languages"] as? Int == 1 && shifts?["pairs"] as? Int == 55, "\(embedded.stdout)")
        let again = try run(["embed", "--json"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try CLIFixture.object(again.stdout)["language_shifts"] is NSNull, "nothing changed: \(again.stdout)")
        let plain = try run(["embed"])
        #expect(!plain.stdout.contains("took the query shifts"), "\(plain.stdout)")
        let doctorShifts = try doctorCheck("language shifts", common)
        #expect(doctorShifts?["ok"] as? Bool == true, "\(String(describing: doctorShifts))")
        #expect((doctorShifts?["detail"] as? String)?.hasPrefix("queries in de are shifted") == true, "\(String(describing: doctorShifts))")

        let crossing = try run(["search", "Eine Harfe mit sieben Teilen", "--lang", "en", "--query-lang", "de", "--mode", "semantic", "--json"])
        #expect(crossing.status == 0, "\(crossing.stderr)")
        let results = try #require(try CLIFixture.object(crossing.stdout)["results"] as? [[String: Any]])
        #expect(!results.isEmpty && results.allSatisfy { $0["lang"] as? String == "en" }, "\(crossing.stdout)")
        #expect(results.prefix(3).contains { $0["term"] as? String == "harp-6" }, "\(crossing.stdout)")
    }

    /// The same on PostgreSQL (`dict embed --database`).
    @Test(.enabled(if: EmbedModelCLITests.e5Installed && PostgresTestDatabase.isAvailable, "needs multilingual-e5-small and DICT_TEST_POSTGRES_URL"))
    func languageShiftsAreTakenOnPostgres() async throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("entries.jsonl")
        try Data((Self.translatedEntries().joined(separator: "\n") + "\n").utf8).write(to: file)
        try await PostgresTestDatabase.with { database in
            let url = ["--database", database.url]
            for arguments in [["migrate", "--service", "dictionary"], ["import", "entries", file.path]] {
                let done = try await DictBinary.runOffPool(arguments + url, in: DictBinary.packageRoot)
                #expect(done.status == 0, "\(done.stderr)")
            }
            let embedded = try await DictBinary.runOffPool(["embed", "--model", "multilingual-e5-small", "--json"] + url, in: DictBinary.packageRoot)
            #expect(embedded.status == 0, "\(embedded.stderr)")
            let shifts = try CLIFixture.object(embedded.stdout)["language_shifts"] as? [String: Any]
            #expect(shifts?["languages"] as? Int == 1 && shifts?["pairs"] as? Int == 55, "\(embedded.stdout)")
            // The English companion's vectors come with it, and an English query blends both models.
            let companion = try CLIFixture.object(embedded.stdout)["companion"] as? [String: Any]
            #expect(companion?["model"] as? String == "all-MiniLM-L6-v2" && companion?["entries_embedded"] as? Int == 110, "\(embedded.stdout)")
            let english = try await DictBinary.runOffPool(["search", "a harp with seven parts", "--lang", "en", "--mode", "semantic", "--json"] + url,
                                                          in: DictBinary.packageRoot)
            #expect(english.status == 0, "\(english.stderr)")
            let englishResults = try CLIFixture.object(english.stdout)["results"] as? [[String: Any]] ?? []
            #expect(englishResults.prefix(3).contains { $0["term"] as? String == "harp-6" }, "\(english.stdout)")
            let queries = directory.url.appendingPathComponent("english.jsonl")
            try Data(#"{"query": "a harp with seven parts", "expected": ["harp-6"]}"#.utf8).write(to: queries)
            let measured = try await DictBinary.runOffPool(["eval", queries.path, "--modes", "semantic"] + url, in: DictBinary.packageRoot)
            #expect(measured.status == 0 && measured.stderr.contains("English queries blended with all-MiniLM-L6-v2"), "\(measured.stderr)")
            let crossing = try await DictBinary.runOffPool(
                ["search", "Eine Harfe mit sieben Teilen", "--lang", "en", "--query-lang", "de", "--mode", "semantic", "--json"] + url,
                in: DictBinary.packageRoot)
            #expect(crossing.status == 0, "\(crossing.stderr)")
            #expect(crossing.stdout.contains("harp-6"), "\(crossing.stdout)")
            let doctor = try await DictBinary.runOffPool(["doctor", "--json"] + url, in: DictBinary.packageRoot)
            #expect(doctor.stdout.contains("queries in de are shifted"), "\(doctor.stdout)")
            #expect(doctor.stdout.contains("110 of 110 entries have all-MiniLM-L6-v2 vectors; English queries blend"), "\(doctor.stdout)")

            // A stored shift that cannot be read is named by search and taken again by the next `dict embed`.
            try await PostgresSession.withSession(to: database.location, schema: "dictionary") { session in
                try await session.execute("UPDATE query_language_shifts SET dimension = 3, shift = '\\x000000000000000000000000'")
            }
            let broken = try await DictBinary.runOffPool(["search", "Eine Harfe", "--mode", "semantic"] + url, in: DictBinary.packageRoot)
            #expect(broken.status != 0 && broken.stderr.contains("query_language_shifts row"), "\(broken.stderr)")
            let unreadable = try await DictBinary.runOffPool(["doctor", "--json"] + url, in: DictBinary.packageRoot)
            #expect(unreadable.status == 3 && unreadable.stdout.contains("query_language_shifts row"), "\(unreadable.stdout)")
            let retaken = try await DictBinary.runOffPool(["embed", "--json"] + url, in: DictBinary.packageRoot)
            #expect(retaken.status == 0, "\(retaken.stderr)")
            #expect((try CLIFixture.object(retaken.stdout)["language_shifts"] as? [String: Any])?["pairs"] as? Int == 55, "\(retaken.stdout)")
        }
    }

    /// 55 English instrument entries and their German translations (`metadata.translation_of`).
    static func translatedEntries() -> [String] {
        let numbers = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"]
        let zahlen = ["eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf"]
        let things = [("bell", "Glocke"), ("drum", "Trommel"), ("flute", "Flöte"), ("horn", "Horn"), ("harp", "Harfe")]
        var lines: [String] = []
        for (n, (number, zahl)) in zip(numbers, zahlen).enumerated() {
            for (thing, ding) in things {
                let term = "\(thing)-\(n)"
                lines.append(#"{"term": "\#(term)", "lang": "en", "type": "instrument", "definition": {"concise": "A \#(thing) with \#(number) parts."}}"#)
                lines.append(#"{"term": "\#(ding)-\#(n)", "lang": "de", "type": "instrument", "definition": {"concise": "Eine \#(ding) mit \#(zahl) Teilen."}, "metadata": {"translation_of": "\#(term)"}}"#)
            }
        }
        return lines
    }
}
