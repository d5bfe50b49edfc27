/// Identifies a synset: the data file it lives in plus its byte offset in that file (`synset_offset`).
public struct WordNetSynsetID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The data file holding the synset.
    public var file: WordNetDataFile
    /// The synset's byte offset inside `file` (eight decimal digits in the file).
    public var offset: UInt32

    /// Creates an identifier from a file and an offset.
    public init(file: WordNetDataFile, offset: UInt32) {
        self.file = file
        self.offset = offset
    }

    /// Orders by file (noun, verb, adjective, adverb), then by offset.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.file == rhs.file ? lhs.offset < rhs.offset : lhs.file < rhs.file
    }

    /// `noun:07020895`, the form used in error messages.
    public var description: String {
        let digits = String(offset)
        return "\(file.rawValue):\(String(repeating: "0", count: max(0, 8 - digits.count)))\(digits)"
    }
}
