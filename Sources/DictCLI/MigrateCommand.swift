import ArgumentParser
import DictMigrations
import DictPostgres
import DictStore
import Foundation

/// `dict migrate`: applies (or lists) each service's embedded SQL migrations in its own database file, or with
/// `--database URL` in its own schema of a PostgreSQL database.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or upgrade the service databases from the embedded SQL migrations."
    )

    enum ServiceChoice: String, ExpressibleByArgument, CaseIterable {
        case dictionary, scores, api, all
        var services: [Service] { self == .all ? Service.allCases : [Service(rawValue: rawValue)!] }
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var database: DatabaseURLOption

    @Option(help: "Which database: dictionary, scores, api or all.")
    var service: ServiceChoice = .all

    @Flag(help: "List applied and pending migrations with their checksums; change nothing.")
    var status = false

    @Flag(name: .customLong("dry-run"), help: "Print what would be applied; change nothing.")
    var dryRun = false

    func run() async throws {
        guard let postgres = try database.location() else { return try await migrate(session: nil) }
        do {
            try await PostgresSession.withSession(to: postgres) { session in try await migrate(session: session) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            // Not reaching the server, or a refused login: one line, exit 3.
            printError("\(error)")
            throw ExitStatus.dataError
        }
    }

    private func migrate(session: PostgresSession?) async throws {
        var report: [[String: String]] = []
        for service in service.services {
            do {
                if let session {
                    let runner = try PostgresMigrationRunner(schema: service.rawValue, files: service.postgresMigrationFiles)
                    let place = "\(session.location), schema \(service.rawValue)"
                    if status {
                        printStatus(service, try await runner.status(in: session), place: place, into: &report)
                    } else {
                        printApplied(service, try await runner.migrate(in: session, dryRun: dryRun), into: &report)
                    }
                } else {
                    let database = try (status || dryRun) ? openForReading(service) : service.open(dataDirectory: global.dataDirectory, migrate: false)
                    let runner = try service.migrationRunner()
                    if status {
                        printStatus(service, try runner.status(of: database), place: "\(global.dataDirectory)/\(service.fileName)", into: &report)
                    } else {
                        printApplied(service, try runner.migrate(database, dryRun: dryRun), into: &report)
                    }
                }
            } catch {
                printError("\(service.rawValue): \(error)")
                throw ExitStatus.dataError
            }
        }
        if global.json {
            let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }

    /// `--status`: one line per service, one per file; the same on both engines.
    private func printStatus(_ service: Service, _ rows: [MigrationStatus], place: String, into report: inout [[String: String]]) {
        if !global.json {
            let applied = rows.filter { $0.state == .applied }.count
            print("\(service.rawValue): \(applied) applied, \(rows.count - applied) pending (\(place))")
        }
        for row in rows {
            report.append(["service": service.rawValue, "name": row.name, "state": row.state.rawValue,
                           "checksum": row.checksum, "applied_at": row.appliedAt ?? ""])
            if !global.json {
                print("  \(row.state == .applied ? "applied" : "pending")  \(row.name)  \(row.checksum.prefix(12))  \(row.appliedAt ?? "")")
            }
        }
    }

    private func printApplied(_ service: Service, _ names: [String], into report: inout [[String: String]]) {
        for name in names {
            report.append(["service": service.rawValue, "name": name, "state": dryRun ? "would-apply" : "applied"])
        }
        if !global.json {
            let verb = dryRun ? "would apply" : "applied"
            print("\(service.rawValue): \(verb) \(names.count) migration(s)\(names.isEmpty ? ", up to date" : "")")
            for name in names { print("  \(name)") }
        }
    }

    /// `--status` and `--dry-run` only look: the file is opened read-only (so not even SQLite's own bookkeeping can
    /// change it), and a database that does not exist yet is not created: an empty in-memory one stands in for it,
    /// on which every migration is pending.
    private func openForReading(_ service: Service) throws -> StoreDatabase {
        let path = URL(fileURLWithPath: global.dataDirectory).appendingPathComponent(service.fileName).path
        guard global.dataDirectory != ":memory:", FileManager.default.fileExists(atPath: path) else {
            return try StoreDatabase(location: .inMemory)
        }
        var configuration = StoreConfiguration()
        configuration.readOnly = true
        return try StoreDatabase(location: .file(path: path), configuration: configuration)
    }
}
