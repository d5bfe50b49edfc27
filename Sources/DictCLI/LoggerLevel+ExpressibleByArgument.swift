public import ArgumentParser
public import Logging

// `dict serve --log-level`: parsed by argument-parser so `--help` lists the levels and completions offer them.
// A conformance of a public type to a public protocol is public, so this one file imports both publicly.
extension Logger.Level: @retroactive ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
