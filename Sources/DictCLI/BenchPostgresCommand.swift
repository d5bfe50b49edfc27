import ArgumentParser
import DictBenchmarks
import Foundation

/// `dict bench postgres --database URL`: the same vectors imported into and loaded from SQLite and PostgreSQL in
/// one run (Benchmarks/README.md, "PostgreSQL beside SQLite").
struct BenchPostgresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postgres",
        abstract: "Import and load the same vectors on SQLite and on PostgreSQL (needs --database; creates and drops a scratch database)."
    )

    @OptionGroup var database: DatabaseURLOption

    @Option(name: .customLong("n"), help: "How many vectors.")
    var n = 200_000

    @Option(name: .customLong("d"), help: "Their dimension.")
    var d = 384

    @Option(help: "Seed of the vectors.")
    var seed: UInt64 = 42

    func run() async throws {
        guard let location = try database.location() else {
            throw ValidationError("dict bench postgres needs --database URL (or DICT_DATABASE_URL)")
        }
        guard (1...5_000_000).contains(n), (1...4_096).contains(d) else {
            throw ValidationError("--n must be 1…5,000,000 and --d 1…4,096, found \(n) and \(d)")
        }
        let result: PostgresVectorBenchmark.Result
        do {
            result = try await PostgresVectorBenchmark(location: location, n: n, d: d, seed: seed).run { message in
                FileHandle.standardError.write(Data((message + "\n").utf8))
            }
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
        let gb = result.bytes / 1e9
        func rate(_ seconds: Double) -> String { String(format: "%.2f GB/s", gb / seconds) }
        func ms(_ seconds: Double) -> String { String(format: "%.0f ms", seconds * 1_000) }
        print("n=\(n) d=\(d), \(String(format: "%.2f", gb)) GB of float32")
        print("| step | SQLite | PostgreSQL | PostgreSQL / SQLite |")
        print("|---|---|---|---|")
        print("| import (rows/s) | \(Int(Double(n) / result.sqliteImportSeconds)) | \(Int(Double(n) / result.postgresImportSeconds)) | \(String(format: "%.2f×", result.sqliteImportSeconds / result.postgresImportSeconds)) |")
        let postgresLoad = result.postgresReadSeconds + result.postgresIndexSeconds
        print("| index load, best of 3 | \(ms(result.sqliteLoadSeconds)) (\(rate(result.sqliteLoadSeconds))) | \(ms(postgresLoad)) (\(rate(postgresLoad))): read \(ms(result.postgresReadSeconds)), index \(ms(result.postgresIndexSeconds)) | \(String(format: "%.2f×", result.sqliteLoadSeconds / postgresLoad)) |")
    }
}
