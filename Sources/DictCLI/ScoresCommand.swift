import ArgumentParser
import DictMigrations
import DictPostgres
import DictStore
import Foundation
import ScoresService

/// `dict scores`: admin access to the scores database (add, list, duplicate report), on `scores.db` or, with
/// `--database`, on PostgreSQL's `scores` schema.
struct ScoresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scores",
        abstract: "Add, list and de-duplicate scores in scores.db (or PostgreSQL with --database).",
        subcommands: [ScoresAddCommand.self, ScoresListCommand.self, ScoresDedupeReportCommand.self]
    )

    /// Runs `body` against the scores service (PostgreSQL with `--database` or `DICT_DATABASE_URL`, else the data
    /// directory), mapping its errors to exit codes (1 not found, 2 bad input, 3 data or connection).
    static func withService<T: Sendable>(
        _ global: GlobalOptions, _ database: DatabaseURLOption, _ body: (ScoresService) async throws -> T
    ) async throws -> T {
        let location = try database.location()
        do {
            if let location {
                return try await Service.scores.withPostgres(location) { session in
                    try await body(ScoresService(store: PostgresScoresStore(session: session)))
                }
            }
            return try await body(try ScoresService.open(dataDirectory: global.dataDirectory))
        } catch let error as ScoresError {
            printError(error.description)
            switch error {
            case .scoreNotFound, .versionNotFound, .collectionNotFound: throw ExitStatus.notFound
            case .invalidInput: throw ExitStatus.usage
            default: throw ExitStatus.dataError
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
    }

    static func line(_ score: Score) -> String {
        [score.id, score.title, score.composer ?? "-", score.opus ?? "-", score.instrument.rawValue,
         score.difficulty?.rawValue ?? "-", score.stylePeriod?.rawValue ?? "-"].joined(separator: "\t")
    }
}

/// `dict scores add`: adds one score, refusing (or with `--merge`, merging) a duplicate by normalized id.
struct ScoresAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a score (duplicates by normalized id are refused unless --merge).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var database: DatabaseURLOption
    @Option(help: "Title.") var title: String
    @Option(help: "Composer (canonicalized through composer_aliases).") var composer: String?
    @Option(help: "Opus or catalogue number, e.g. \"Op. 10 No. 3\" or \"BWV 846\".") var opus: String?
    @Option(help: "piano, guitar or both.") var instrument: String
    @Option(help: "beginner, intermediate or advanced.") var difficulty: String?
    @Option(name: .customLong("difficulty-level"), help: "1...10.") var difficultyLevel: Int?
    @Option(name: .customLong("style-period"), help: "baroque, classical, romantic, modern or contemporary.") var stylePeriod: String?
    @Option(help: "imslp, upload, generated or manual.") var source: String = "manual"
    @Option(name: .customLong("tag"), help: "A tag (repeatable).") var tags: [String] = []
    @Option(help: "private, public or unlisted.") var visibility: String = "public"
    @Option(name: .customLong("user"), help: "Owner user id (uploaded scores).") var userID: String?
    @Flag(help: "Merge into an existing score with the same normalized id instead of refusing.") var merge = false

    func run() async throws {
        let input = NewScore(
            title: title, composer: composer, opus: opus,
            instrument: try parseChoice(instrument, Instrument.self, option: "instrument") ?? .piano,
            difficulty: try parseChoice(difficulty, Difficulty.self, option: "difficulty"),
            difficultyLevel: difficultyLevel,
            stylePeriod: try parseChoice(stylePeriod, StylePeriod.self, option: "style-period"),
            source: try parseChoice(source, ScoreSource.self, option: "source") ?? .manual,
            tags: tags,
            visibility: try parseChoice(visibility, ScoreVisibility.self, option: "visibility") ?? .public,
            userID: userID)
        let outcome = try await ScoresCommand.withService(global, database) { try await $0.addScore(input, onDuplicate: merge ? .merge : .refuse) }
        let created: Bool
        if case .created = outcome { created = true } else { created = false }
        if global.json {
            try JSONOutput.print(["outcome": created ? "created" : "merged", "id": outcome.score.id,
                                  "normalized_id": outcome.score.normalizedID ?? ""])
        } else {
            print("\(created ? "created" : "merged into") \(outcome.score.id)  \(outcome.score.normalizedID ?? "")")
        }
    }
}

/// `dict scores list`: indexed search by composer, instrument, difficulty and style period.
struct ScoresListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List public scores, filtered by indexed columns.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var database: DatabaseURLOption
    @Option(help: "Composer (any alias spelling).") var composer: String?
    @Option(help: "piano, guitar or both.") var instrument: String?
    @Option(help: "beginner, intermediate or advanced.") var difficulty: String?
    @Option(name: .customLong("style-period"), help: "baroque, classical, romantic, modern or contemporary.") var stylePeriod: String?
    @Option(name: .customLong("viewer"), help: "Also show this user's private scores.") var viewerID: String?
    @Option(help: "Page size (1...200).") var limit: Int = 20
    @Option(help: "Results to skip.") var offset: Int = 0

    func run() async throws {
        let query = ScoreQuery(
            composer: composer, instrument: try parseChoice(instrument, Instrument.self, option: "instrument"),
            difficulty: try parseChoice(difficulty, Difficulty.self, option: "difficulty"),
            stylePeriod: try parseChoice(stylePeriod, StylePeriod.self, option: "style-period"),
            viewerID: viewerID, limit: limit, offset: offset)
        let page = try await ScoresCommand.withService(global, database) { try await $0.search(query) }
        if global.json {
            try JSONOutput.print(page)
        } else {
            for score in page.scores { print(ScoresCommand.line(score)) }
            if page.hasMore { print("… more (use --offset \(offset + page.scores.count))") }
        }
        if page.scores.isEmpty { throw ExitStatus.notFound }
    }
}

/// `dict scores dedupe-report`: groups of scores that normalize to the same id.
struct ScoresDedupeReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedupe-report",
        abstract: "List scores that are the same work by the normalized-id rule (recomputed from composer, title, opus)."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var database: DatabaseURLOption
    @Flag(help: "First fill normalized_id where it is missing (rows from before migration 0018).") var backfill = false

    func run() async throws {
        let (filled, groups) = try await ScoresCommand.withService(global, database) { service in
            (backfill ? try await service.backfillNormalizedIDs() : 0, try await service.dedupeReport())
        }
        if global.json {
            try JSONOutput.print(groups)
            return
        }
        if backfill { print("backfilled normalized_id on \(filled) score(s)") }
        print("\(groups.count) duplicate group(s)")
        for group in groups {
            print(group.normalizedID)
            for score in group.scores { print("  " + ScoresCommand.line(score)) }
        }
    }
}
