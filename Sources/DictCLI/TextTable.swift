import Foundation

/// Aligned text columns measured in terminal cells, not characters: a CJK ideograph is two cells wide and a
/// combining mark none, so `渐强` lines up with `crescendo`. The last column is not padded (no trailing spaces)
/// and is cut with "…" so that every line fits `width` cells when a width is known.
struct TextTable {
    var header: [String]
    var rows: [[String]]

    /// The table as lines joined by "\n"; `width` nil means no limit.
    func render(width: Int? = TerminalWidth.current()) -> String {
        let table = [header] + rows
        let columns = header.count
        let widths = (0..<columns).map { column in table.map { Self.displayWidth($0[column]) }.max() ?? 0 }
        return table.map { row in
            var line = ""
            for column in 0..<columns {
                let cell = row[column]
                if column == columns - 1 {
                    line += cell
                } else {
                    line += cell + String(repeating: " ", count: widths[column] - Self.displayWidth(cell)) + "  "
                }
            }
            while line.last == " " { line.removeLast() }
            if let width { line = Self.clip(line, toWidth: width) }
            return line
        }.joined(separator: "\n")
    }

    /// Terminal cells `text` occupies.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + cellWidth($1) }
    }

    /// `text` cut to at most `width` cells, ending in "…" when something was cut.
    static func clip(_ text: String, toWidth width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let cells = displayWidth(String(character))
            if used + cells > width - 1 { break }
            result.append(character)
            used += cells
        }
        while result.last == " " { result.removeLast() }
        return result + "…"
    }

    /// Cells of one scalar: 0 for combining marks and zero-width characters, 2 for East Asian wide and fullwidth
    /// characters (Unicode's EastAsianWidth W and F ranges, and emoji), 1 otherwise.
    static func cellWidth(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if value == 0x200B || (0x1160...0x11FF).contains(value) { return 0 }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return wide.contains { $0.contains(value) } ? 2 : 1
    }
}
