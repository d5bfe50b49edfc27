import ArgumentParser
import DictionarySearch

// Parsed by argument-parser so `--help` lists the facet names and completions offer them.
extension SearchFacet: ExpressibleByArgument {
    package init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
