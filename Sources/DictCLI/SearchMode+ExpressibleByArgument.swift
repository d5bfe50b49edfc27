import ArgumentParser
import DictionarySearch

// Parsed by argument-parser so `--help` lists the values and generated completions offer them.
extension SearchMode: ExpressibleByArgument {
    package init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension SearchSort: ExpressibleByArgument {
    package init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
