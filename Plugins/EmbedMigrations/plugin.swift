import Foundation
import PackagePlugin

/// Embeds `migrations/<service>/*.sql` into the DictMigrations module at build time.
/// Every SQL file is a declared input, so editing, adding or removing one rebuilds the embedded copy.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL.appending(path: "migrations")
        let manager = FileManager.default
        var inputs: [URL] = []
        for service in (try? manager.contentsOfDirectory(atPath: root.path()))?.sorted() ?? [] {
            let folder = root.appending(path: service)
            for name in ((try? manager.contentsOfDirectory(atPath: folder.path())) ?? []).sorted() where name.hasSuffix(".sql") {
                inputs.append(folder.appending(path: name))
            }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedMigrations+Files.swift")
        return [
            .buildCommand(
                displayName: "Embedding SQL migrations",
                executable: try context.tool(named: "MigrationEmbedder").url,
                arguments: [root.path(), output.path()],
                inputFiles: inputs + [root],
                outputFiles: [output]
            ),
        ]
    }
}
