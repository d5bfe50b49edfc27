/// Splits a migration file into its statements. postgres-nio speaks only the extended query protocol, which runs one
/// statement per message, so the runner sends them one by one (and can name the one that failed). A `;` ends a
/// statement unless it is inside a quoted string (`'…'` with `''`, `E'…'` with `\'`), a quoted identifier
/// (`"…"`), a dollar-quoted body (`$$…$$`, `$tag$…$tag$`: function bodies), or a comment (`--…`, nested `/* */`).
package enum PostgresStatementSplitter {
    /// The statements of `sql` in order, trimmed, without their `;`; empty and comment-only pieces are dropped.
    package static func statements(in sql: String) -> [String] {
        let text = Array(sql.unicodeScalars)
        var statements: [String] = []
        var start = 0
        var hasCode = false
        var index = 0

        func flush(upTo end: Int) {
            if hasCode {
                var piece = String(String.UnicodeScalarView(text[start..<end]))
                piece = piece.trimmingWhitespace()
                if !piece.isEmpty { statements.append(piece) }
            }
            hasCode = false
        }

        while index < text.count {
            let scalar = text[index]
            let next: Unicode.Scalar? = index + 1 < text.count ? text[index + 1] : nil
            switch scalar {
            case "-" where next == "-":
                while index < text.count, text[index] != "\n" { index += 1 }
                continue
            case "/" where next == "*":
                var depth = 0
                while index < text.count {
                    if text[index] == "/", index + 1 < text.count, text[index + 1] == "*" { depth += 1; index += 2; continue }
                    if text[index] == "*", index + 1 < text.count, text[index + 1] == "/" {
                        depth -= 1; index += 2
                        if depth == 0 { break }
                        continue
                    }
                    index += 1
                }
                continue
            case "'":
                let escapes = index > 0 && (text[index - 1] == "E" || text[index - 1] == "e")
                    && (index < 2 || !isIdentifierPart(text[index - 2]))
                hasCode = true
                index += 1
                while index < text.count {
                    if escapes, text[index] == "\\" { index += 2; continue }
                    if text[index] == "'" {
                        if index + 1 < text.count, text[index + 1] == "'" { index += 2; continue }
                        break
                    }
                    index += 1
                }
                index += 1
                continue
            case "\"":
                hasCode = true
                index += 1
                while index < text.count {
                    if text[index] == "\"" {
                        if index + 1 < text.count, text[index + 1] == "\"" { index += 2; continue }
                        break
                    }
                    index += 1
                }
                index += 1
                continue
            case "$":
                if let tagEnd = dollarTagEnd(text, from: index), index == 0 || !isIdentifierPart(text[index - 1]) {
                    let tag = Array(text[index...tagEnd])
                    hasCode = true
                    index = tagEnd + 1
                    while index < text.count {
                        if text[index] == "$", index + tag.count <= text.count, Array(text[index..<index + tag.count]) == tag {
                            index += tag.count
                            break
                        }
                        index += 1
                    }
                    continue
                }
            case ";":
                flush(upTo: index)
                start = index + 1
                index += 1
                continue
            default:
                break
            }
            if !scalar.properties.isWhitespace { hasCode = true }
            index += 1
        }
        flush(upTo: text.count)
        return statements
    }

    /// The index of the closing `$` of a dollar-quote tag starting at `start` (`$$` or `$tag$`), or nil.
    private static func dollarTagEnd(_ text: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start + 1
        while index < text.count {
            let scalar = text[index]
            if scalar == "$" { return index }
            if !isIdentifierPart(scalar) || (index == start + 1 && scalar.properties.numericType != nil) { return nil }
            index += 1
        }
        return nil
    }

    private static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}

private extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
