import ArgumentParser
import DictMigrations
import DictionaryCore

/// `dict bookmark --database URL`: the primary's position now, for read-your-writes after writing with another tool
/// (`dict import … --database`, a queue worker): a read sending it as `X-Dict-Bookmark` to a `dict serve
/// --read-database` replica sees every write committed before this command ran (docs/scale-out.md).
struct BookmarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bookmark", abstract: "Print the PostgreSQL primary's position (an X-Dict-Bookmark covering every write so far).")

    @OptionGroup var database: DatabaseURLOption

    func run() async throws {
        guard let postgres = try database.location() else {
            throw ValidationError("dict bookmark needs --database (or $DICT_DATABASE_URL): the SQLite files have no replicas")
        }
        let bookmark: String
        do {
            bookmark = try await Service.dictionary.withPostgres(postgres) { session in
                try await PostgresReadConsistency(primary: session, standby: session).bookmark()
            }
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
        print(bookmark)
    }
}
