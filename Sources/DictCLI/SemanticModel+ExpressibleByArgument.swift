import ArgumentParser
import DictionaryCore

/// `--model all-MiniLM-L6-v2|multilingual-e5-small`: an unknown name is a usage error listing both.
extension SemanticModel: ExpressibleByArgument {}
