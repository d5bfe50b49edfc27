import Foundation

/// Machine-readable output of `--json`: one line of JSON with sorted keys.
enum JSONOutput {
    /// Sorted keys and unescaped slashes, as the HTTP service writes.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func print<T: Encodable>(_ value: T) throws {
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

/// Parses a raw-value enum option case-insensitively, or fails with a usage error naming the choices.
func parseChoice<E: RawRepresentable & CaseIterable>(_ text: String?, _ type: E.Type, option: String) throws -> E? where E.RawValue == String {
    guard let text else { return nil }
    if let value = E.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(text) == .orderedSame }) { return value }
    printError("--\(option) must be one of \(E.allCases.map { $0.rawValue.lowercased() }.joined(separator: ", ")); got \(text)")
    throw ExitStatus.usage
}
