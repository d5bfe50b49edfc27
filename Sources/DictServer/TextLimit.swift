/// Length bounds of one text input, in characters and in UTF-8 bytes.
///
/// Characters are what people count and what the original service limited (q 0–200, terms 1–200, …), but one
/// character can be any number of bytes: a letter followed by 8,000 combining marks is a single character of 16 kB,
/// and it would be stored as such (twice, in `search_analytics`). So every text input also has a byte cap of
/// 4 bytes per allowed character (the longest single Unicode scalar), checked before anything counts characters.
struct TextLimit: Sendable {
    /// Bytes allowed per character of the character limit.
    static let bytesPerCharacter = 4

    /// Allowed length in characters (after trimming whitespace).
    let characters: ClosedRange<Int>

    init(characters: ClosedRange<Int>) {
        self.characters = characters
    }

    /// The UTF-8 byte cap.
    var maxBytes: Int { characters.upperBound * Self.bytesPerCharacter }

    /// Why `text` breaks the limit (`label` names the input: "Parameter 'q'"), or nil when it fits.
    func violation(of text: String, label: String) -> String? {
        let bytes = text.utf8.count
        guard bytes <= maxBytes else {
            return "\(label) is too long: \(bytes) UTF-8 bytes, expected at most \(maxBytes) (\(characters.upperBound) characters)"
        }
        let count = text.count
        guard count <= characters.upperBound else {
            return "\(label) is too long: \(count) characters, at most \(characters.upperBound)"
        }
        guard count >= characters.lowerBound else {
            return "\(label) is too short: at least \(characters.lowerBound) character(s), found \(count)"
        }
        return nil
    }
}
