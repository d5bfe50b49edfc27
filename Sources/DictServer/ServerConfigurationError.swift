/// A setting of `dict serve` that cannot be used, with what was given and what is accepted.
package enum ServerConfigurationError: Error, Equatable, CustomStringConvertible {
    /// `setting` had `value`, which is not `expected`.
    case invalidValue(setting: String, value: String, expected: String)

    package var description: String {
        switch self {
        case .invalidValue(let setting, let value, let expected):
            return "invalid \(setting) '\(value)': expected \(expected)"
        }
    }
}
