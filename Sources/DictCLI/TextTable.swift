import Foundation

/// Aligned text columns measured in terminal cells, not characters: a CJK ideograph is two cells wide and a
/// combining mark none, so `渐强` lines up with `crescendo`. The last column is not padded (no trailing spaces)
/// and is cut with "…" so that every line fits `width` cells when a width is known. ANSI escape sequences (the bold
/// of `--highlight`) take no cells and are never cut in half.
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
        var width = 0
        var escape = EscapeState.none
        for scalar in text.unicodeScalars where !escape.consume(scalar) {
            width += cellWidth(scalar)
        }
        return width
    }

    /// Where a scan is in an ANSI escape sequence: ESC, then for CSI `[`, parameters and one final byte.
    private enum EscapeState {
        case none, escape, controlSequence

        /// Advances over `scalar`; true when it belongs to an escape sequence (and so takes no cells).
        mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
            switch self {
            case .none:
                guard scalar == "\u{1B}" else { return false }
                self = .escape
            case .escape:
                self = scalar == "[" ? .controlSequence : .none
            case .controlSequence:
                if (0x40...0x7E).contains(scalar.value) { self = .none }
            }
            return true
        }
    }

    /// `text` cut to at most `width` cells, ending in "…" when something was cut.
    static func clip(_ text: String, toWidth width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        var result = ""
        var used = 0
        var escape = EscapeState.none
        var styled = false
        for character in text {
            if character.unicodeScalars.allSatisfy({ escape.consume($0) }) {
                result.append(character)
                styled = true
                continue
            }
            let cells = displayWidth(String(character))
            if used + cells > width - 1 { break }
            result.append(character)
            used += cells
        }
        while result.last == " " { result.removeLast() }
        // A cut inside bold text must not leave the terminal bold.
        return result + (styled ? "\u{1B}[0m" : "") + "…"
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
