import ArgumentParser
import DictionaryImport

// Parsed by argument-parser so `--help` lists the values and generated completions offer them.
extension ExportFormat: ExpressibleByArgument {
    package init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension EntryFileFormat: ExpressibleByArgument {
    package init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension EmbeddingFileFormat: ExpressibleByArgument {
    package init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
