import ArgumentParser
import Logging

// `dict serve --log-level`: parsed by argument-parser so `--help` lists the levels and completions offer them.
extension Logger.Level: @retroactive ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
