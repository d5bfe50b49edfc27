import Foundation
import PackagePlugin

/// Embeds `migrations/<service>/*.sql` and `migrations/postgres/<service>/*.sql` into the DictMigrations module at build time.
/// Every SQL file is a declared input, so editing, adding or removing one rebuilds the embedded copy.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL.appending(path: "migrations")
        let manager = FileManager.default
        var inputs: [URL] = []
        // migrations/<service>/*.sql (SQLite) and migrations/postgres/<service>/*.sql (PostgreSQL).
        var folders: [URL] = [root]
        for service in (try? manager.contentsOfDirectory(atPath: root.path()))?.sorted() ?? [] {
            let folder = root.appending(path: service)
            folders.append(folder)
            for name in ((try? manager.contentsOfDirectory(atPath: folder.path())) ?? []).sorted() {
                if name.hasSuffix(".sql") {
                    inputs.append(folder.appending(path: name))
                    continue
                }
                let nested = folder.appending(path: name)
                let files = ((try? manager.contentsOfDirectory(atPath: nested.path())) ?? []).sorted().filter { $0.hasSuffix(".sql") }
                if !files.isEmpty { folders.append(nested) }
                inputs += files.map { nested.appending(path: $0) }
            }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedMigrations+Files.swift")
        return [
            .buildCommand(
                displayName: "Embedding SQL migrations",
                executable: try context.tool(named: "MigrationEmbedder").url,
                arguments: [root.path(), output.path()],
                inputFiles: inputs + folders,
                outputFiles: [output]
            ),
        ]
    }
}
