import APIService
import ArgumentParser
import DictMigrations
import DictPostgres
import DictStore
import Foundation

/// `dict sync`: admin access to the API database's sync protocol (users, push, pull, status), on `api.db` or,
/// with `--database`, on PostgreSQL's `api` schema.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Push and pull sync change sets in api.db (or PostgreSQL with --database).",
        subcommands: [SyncAddUserCommand.self, SyncPushCommand.self, SyncPullCommand.self, SyncStatusCommand.self]
    )

    /// Runs `body` against the API service (PostgreSQL with `--database` or `DICT_DATABASE_URL`, else the data
    /// directory), mapping its errors to exit codes (1 not found, 2 bad input, 3 data or connection).
    static func withService<T: Sendable>(
        _ global: GlobalOptions, _ database: DatabaseURLOption, _ body: (APIService) async throws -> T
    ) async throws -> T {
        let location = try database.location()
        do {
            if let location {
                return try await Service.api.withPostgres(location) { session in
                    try await body(APIService(store: PostgresAPIStore(session: session)))
                }
            }
            return try await body(try APIService.open(dataDirectory: global.dataDirectory))
        } catch let error as APIError {
            printError(error.description)
            switch error {
            case .userNotFound, .goalNotFound, .repertoireNotFound, .annotationNotFound: throw ExitStatus.notFound
            case .invalidInput, .invalidJSON, .invalidSyncToken: throw ExitStatus.usage
            default: throw ExitStatus.dataError
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
    }

    /// A user given by id or, when it contains `@`, by e-mail.
    static func resolveUser(_ text: String, in service: APIService) async throws -> String {
        guard text.contains("@") else { return text }
        guard let user = try await service.user(email: text) else { throw APIError.userNotFound(id: text) }
        return user.id
    }
}

/// `dict sync add-user`: creates a user (e-mail unique case-insensitively).
struct SyncAddUserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add-user", abstract: "Create a user.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var database: DatabaseURLOption
    @Option(help: "E-mail address (stored lowercased).") var email: String
    @Option(name: .customLong("name"), help: "Display name.") var displayName: String?
    @Option(help: "magic_link or google.") var provider: String = "magic_link"
    @Option(name: .customLong("google-id"), help: "Google account id (required for google).") var googleID: String?

    func run() async throws {
        let provider = try parseChoice(provider, AuthProvider.self, option: "provider") ?? .magicLink
        let user = try await SyncCommand.withService(global, database) {
            try await $0.createUser(email: email, displayName: displayName, provider: provider, googleID: googleID)
        }
        if global.json { try JSONOutput.print(user) } else { print("\(user.id)\t\(user.email)") }
    }
}

/// The change-set file `dict sync push` reads: `{"deviceId": "…", "changes": [{"entityType", "entityId", "data", "deleted"}]}`
/// or just the array of changes.
struct ChangeSetFile: Decodable {
    var deviceID: String?
    var changes: [SyncChange]

    enum CodingKeys: String, CodingKey { case deviceID = "deviceId", changes }

    /// Largest file accepted.
    static let maximumBytes = 64 << 20

    static func load(path: String) throws -> ChangeSetFile {
        let url = URL(fileURLWithPath: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        guard let size else {
            printError("cannot read \(path)")
            throw ExitStatus.usage
        }
        guard size <= maximumBytes else {
            printError("\(path) is \(size) bytes, at most \(maximumBytes)")
            throw ExitStatus.usage
        }
        let data = try Data(contentsOf: url)
        let decoder = JSONDecoder()
        let isArray = data.first(where: { !Set<UInt8>([0x20, 0x09, 0x0A, 0x0D]).contains($0) }) == UInt8(ascii: "[")
        do {
            if isArray { return ChangeSetFile(deviceID: nil, changes: try decoder.decode([SyncChange].self, from: data)) }
            return try decoder.decode(ChangeSetFile.self, from: data)
        } catch let error as DecodingError {
            printError("\(path) is not a change set (\(Self.describe(error))); expected {\"changes\": [{entityType, entityId, data, deleted}]} or the array")
            throw ExitStatus.usage
        }
    }

    /// Where decoding stopped and why, without echoing the file's content.
    private static func describe(_ error: DecodingError) -> String {
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c): context = c
        @unknown default: return "unreadable"
        }
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? "not valid JSON" : "at \(path)"
    }
}

/// `dict sync push`: applies a change set from a JSON file in one transaction, idempotently.
struct SyncPushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Push a change set; a repeated --idempotency-key replays the stored result."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var database: DatabaseURLOption
    @Option(help: "User id or e-mail.") var user: String
    @Option(help: "Change-set JSON file.") var file: String
    @Option(name: .customLong("idempotency-key"), help: "Key making retries safe (24 h).") var idempotencyKey: String?
    @Option(name: .customLong("device"), help: "Device id (overrides the file's deviceId).") var deviceID: String?

    func run() async throws {
        let changeSet = try ChangeSetFile.load(path: file)
        let result = try await SyncCommand.withService(global, database) { service in
            try await service.push(userID: try await SyncCommand.resolveUser(user, in: service), changes: changeSet.changes,
                                   deviceID: deviceID ?? changeSet.deviceID, idempotencyKey: idempotencyKey)
        }
        if global.json {
            try JSONOutput.print(result)
        } else {
            print("token \(result.syncToken): \(result.applied) applied (\(result.deleted) deleted), \(result.unchanged) unchanged\(result.replayed ? " [replayed]" : "")")
        }
    }
}

/// `dict sync pull`: the changes after a token, deletions included.
struct SyncPullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pull", abstract: "Print the changes since a sync token.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var database: DatabaseURLOption
    @Option(help: "User id or e-mail.") var user: String
    @Option(help: "Sync token from a previous push or pull (omit for everything).") var since: String?
    @Option(help: "Page size (1...1000).") var limit: Int = 250

    func run() async throws {
        let pull = try await SyncCommand.withService(global, database) { service in
            try await service.changes(userID: try await SyncCommand.resolveUser(user, in: service), since: since, limit: limit)
        }
        if global.json {
            try JSONOutput.print(pull)
            return
        }
        for record in pull.changes {
            let state = record.deletedAt == nil ? ((try? record.data.canonicalText()) ?? "") : "deleted \(record.deletedAt ?? "")"
            print("\(record.seq)\t\(record.entityType.rawValue)\t\(record.entityID)\tv\(record.version)\t\(state)")
        }
        print("token \(pull.syncToken)\(pull.hasMore ? " (more: pull again with --since \(pull.syncToken))" : "")")
    }
}

/// `dict sync status`: a user's sync metadata.
struct SyncStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show a user's sync state.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var database: DatabaseURLOption
    @Option(help: "User id or e-mail.") var user: String

    func run() async throws {
        let status = try await SyncCommand.withService(global, database) { service in
            try await service.syncStatus(userID: try await SyncCommand.resolveUser(user, in: service))
        }
        if global.json {
            try JSONOutput.print(status)
        } else {
            print("token \(status.lastSyncToken ?? "-"), last sync \(status.lastSyncTime ?? "never"), \(status.entityCount) live entities, \(status.deviceCount) device(s)")
        }
    }
}
