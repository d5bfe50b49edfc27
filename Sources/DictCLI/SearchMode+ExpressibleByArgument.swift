import ArgumentParser
import DictionaryService

// Parsed by argument-parser so `--help` lists the values and generated completions offer them.
extension SearchMode: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension SearchSort: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
