import DictMigrations
import DictStore
import Foundation

/// Opens a service database that must already exist and be migrated. Read commands use it so a mistyped
/// `--data-dir` (or a run from the wrong folder) is refused with exit 3 instead of creating an empty database;
/// only `dict migrate` and the importers create one.
enum ExistingDatabase {
    /// The migrated database of `service` in `dataDirectory`, or exit 3 with one line saying what to run.
    static func open(_ service: Service = .dictionary, dataDirectory: String) throws -> StoreDatabase {
        let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent(service.fileName).path
        let flag = dataDirectory == DataDirectory.defaultPath ? "" : " --data-dir \(dataDirectory)"
        guard FileManager.default.fileExists(atPath: path) else {
            printError("no \(service.rawValue) database at \(path): run `dict migrate\(flag)` (then `dict import glossary\(flag)`) first")
            throw ExitStatus.dataError
        }
        let database: StoreDatabase
        let pending: Int
        do {
            database = try service.open(dataDirectory: dataDirectory, migrate: false)
            pending = try service.migrationRunner().status(of: database).filter { $0.state != .applied }.count
        } catch {
            printError("cannot open \(path): \(error)")
            throw ExitStatus.dataError
        }
        guard pending == 0 else {
            printError("\(path) has \(pending) pending migration(s): run `dict migrate\(flag)` first")
            throw ExitStatus.dataError
        }
        return database
    }
}
