import Foundation
package import Hummingbird

/// A request's query string, decoded the way browsers encode it (`+` is a space, `%XX` is UTF-8; keys are decoded
/// too, so `filters[languages]` arrives intact), with typed readers that throw `APIError.validation` naming the
/// parameter and the accepted range. Hummingbird's own parser keeps `+` and leaves malformed escapes in place;
/// here a malformed escape or invalid UTF-8 is a 400.
package struct QueryParameters: Sendable {
    /// Every (name, value) pair in order; repeated names keep every value.
    package let pairs: [(name: String, value: String)]

    /// Parses `request.uri.query`.
    package init(_ request: Request) throws {
        try self.init(query: request.uri.query ?? "")
    }

    /// Parses a raw query string (without `?`).
    package init(query: String) throws {
        var pairs: [(String, String)] = []
        for component in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = component.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0], parameter: nil)
            let value = parts.count > 1 ? try Self.decode(parts[1], parameter: name) : ""
            pairs.append((name, value))
        }
        self.pairs = pairs
    }

    private static func decode(_ text: Substring, parameter: String?) throws -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        guard let decoded = spaced.removingPercentEncoding else {
            throw APIError.validation("Invalid percent-encoding in \(parameter.map { "parameter '\($0)'" } ?? "a parameter name")")
        }
        return decoded
    }

    /// The last value of `name`, or nil.
    package func value(_ name: String) -> String? {
        pairs.last { $0.name == name }?.value
    }

    /// Every value of `name`, comma-separated lists split, blanks dropped (`types=a,b&types=c` → a, b, c).
    package func list(_ name: String) -> [String] {
        pairs.filter { $0.name == name }
            .flatMap { $0.value.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// A string of at most `maxLength` characters and 4 × `maxLength` UTF-8 bytes (after trimming whitespace; see
    /// `TextLimit`); nil when absent. `minLength` applies when present (a required text parameter passes
    /// `required: true`).
    package func string(_ name: String, minLength: Int = 0, maxLength: Int, required: Bool = false) throws -> String? {
        guard let raw = value(name) else {
            if required { throw APIError.validation("Parameter '\(name)' is required") }
            return nil
        }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = TextLimit(characters: minLength...maxLength).violation(of: text, label: "Parameter '\(name)'") {
            throw APIError.validation(problem)
        }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\t" }) else {
            throw APIError.validation("Parameter '\(name)' contains control characters")
        }
        return text
    }

    /// An integer in `range`, `defaultValue` when absent.
    package func integer(_ name: String, default defaultValue: Int, range: ClosedRange<Int>) throws -> Int {
        guard let raw = value(name) else { return defaultValue }
        guard let number = Int(raw.trimmingCharacters(in: .whitespaces)), range.contains(number) else {
            throw APIError.validation("Parameter '\(name)' must be an integer in \(range.lowerBound)...\(range.upperBound), found '\(raw.prefix(40))'")
        }
        return number
    }

    /// An optional integer in `range`.
    package func optionalInteger(_ name: String, range: ClosedRange<Int>) throws -> Int? {
        guard value(name) != nil else { return nil }
        return try integer(name, default: range.lowerBound, range: range)
    }

    /// A finite number in `range`, nil when absent.
    package func number(_ name: String, range: ClosedRange<Double>) throws -> Double? {
        guard let raw = value(name) else { return nil }
        guard let number = Double(raw.trimmingCharacters(in: .whitespaces)), number.isFinite, range.contains(number) else {
            throw APIError.validation("Parameter '\(name)' must be a number in \(range.lowerBound)...\(range.upperBound), found '\(raw.prefix(40))'")
        }
        return number
    }

    /// A boolean: `true`/`false`/`1`/`0`/`yes`/`no` (case-insensitive); nil when absent. Anything else is a 400
    /// (the original treated any non-empty string, even `false`, as true).
    package func boolean(_ name: String) throws -> Bool? {
        guard let raw = value(name) else { return nil }
        switch raw.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no", "": return false
        default: throw APIError.validation("Parameter '\(name)' must be true or false, found '\(raw.prefix(40))'")
        }
    }

    /// One of `allowed` (case-insensitive, returned in its canonical spelling); nil when absent.
    package func choice(_ name: String, from allowed: [String]) throws -> String? {
        guard let raw = value(name)?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let match = allowed.first(where: { $0.caseInsensitiveCompare(raw) == .orderedSame }) else {
            throw APIError.validation("Parameter '\(name)' must be one of \(allowed.joined(separator: ", ")), found '\(raw.prefix(40))'")
        }
        return match
    }

    /// Every value of a list parameter, each one of `allowed` (canonical spelling, duplicates removed, order kept).
    package func choices(_ name: String, from allowed: [String]) throws -> [String] {
        var result: [String] = []
        for raw in list(name) {
            guard let match = allowed.first(where: { $0.caseInsensitiveCompare(raw) == .orderedSame }) else {
                throw APIError.validation("Parameter '\(name)' values must be among \(allowed.joined(separator: ", ")), found '\(raw.prefix(40))'")
            }
            if !result.contains(match) { result.append(match) }
        }
        return result
    }
}
