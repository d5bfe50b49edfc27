/// Problems in the queue configuration file, environment or flags.
package enum QueueConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The configuration file exists but cannot be read or decoded.
    case unreadableFile(path: String, reason: String)
    /// A setting has a value outside its range.
    case invalidValue(setting: String, value: String, expected: String)

    package var description: String {
        switch self {
        case .unreadableFile(let path, let reason): "cannot read queue configuration \(path): \(reason)"
        case .invalidValue(let setting, let value, let expected): "\(setting) = \(value.debugDescription) is invalid; expected \(expected)"
        }
    }
}
