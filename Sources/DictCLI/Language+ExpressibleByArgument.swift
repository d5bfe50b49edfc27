import ArgumentParser
import DictionaryCore

// Parsed by argument-parser so `--help` lists the values and generated completions offer them.
extension Language: ExpressibleByArgument {
    /// Any case and `_` for `-` (`zh-cn`, `zh_CN`), as the HTTP API accepts.
    package init?(argument: String) { self.init(code: argument) }
}

extension TermType: ExpressibleByArgument {
    package init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
