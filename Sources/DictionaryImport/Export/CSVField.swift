import Foundation

/// RFC 4180 quoting (package: `dict search --format csv` writes the same fields): a field with a comma, quote, CR or LF is wrapped in quotes with inner quotes doubled.
package enum CSVField {
    package static func quote(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
