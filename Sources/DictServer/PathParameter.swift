import Foundation
import Hummingbird

/// Reads and validates path captures: Hummingbird hands them over still percent-encoded.
enum PathParameter {
    /// The decoded capture `name`, trimmed, 1…`maxLength` characters and at most 4 × `maxLength` UTF-8 bytes, no
    /// control characters.
    static func text(_ name: String, context: DictRequestContext, maxLength: Int) throws -> String {
        guard let raw = context.parameters.get(name) else { throw APIError.validation("Missing path parameter '\(name)'") }
        guard let decoded = raw.removingPercentEncoding else {
            throw APIError.validation("Invalid percent-encoding in path parameter '\(name)'")
        }
        let text = decoded.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw APIError.validation("Path parameter '\(name)' is empty") }
        if let problem = TextLimit(characters: 1...maxLength).violation(of: text, label: "Path parameter '\(name)'") {
            throw APIError.validation(problem)
        }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw APIError.validation("Path parameter '\(name)' contains control characters")
        }
        return text
    }

    /// The capture `name` as a lowercase RFC 4122 UUID string (entry ids); anything else is a 400.
    static func entryID(_ name: String, context: DictRequestContext) throws -> String {
        let text = try self.text(name, context: context, maxLength: 64)
        guard let uuid = UUID(uuidString: text) else {
            throw APIError.validation("Entry id must be a UUID, found '\(text.prefix(40))'")
        }
        return uuid.uuidString.lowercased()
    }
}
