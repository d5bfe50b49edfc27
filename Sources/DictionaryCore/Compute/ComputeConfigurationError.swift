/// A compute setting that cannot be used, with where it came from, what was given and what is accepted.
package enum ComputeConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `setting` (a flag or an environment variable) had `value`, which is not `expected`.
    case invalidValue(setting: String, value: String, expected: String)

    package var description: String {
        switch self {
        case .invalidValue(let setting, let value, let expected): "invalid \(setting) '\(value)': expected \(expected)"
        }
    }
}
