import ArgumentParser
import DictionaryService

// Parsed by argument-parser so `--help` lists the facet names and completions offer them.
extension SearchFacet: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
