/// Why a benchmark could not run its setup.
enum BenchError: Error, CustomStringConvertible {
    case serverNotListening(seconds: Int)
    case commandFailed(arguments: [String], status: Int32)

    var description: String {
        switch self {
        case .serverNotListening(let seconds): "dict serve did not report a listening port within \(seconds) s"
        case .commandFailed(let arguments, let status): "dict \(arguments.joined(separator: " ")) exited with status \(status)"
        }
    }
}
