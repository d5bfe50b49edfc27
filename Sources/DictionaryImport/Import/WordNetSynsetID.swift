/// Identifies a synset: the data file it lives in plus its byte offset in that file (`synset_offset`).
package struct WordNetSynsetID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The data file holding the synset.
    package var file: WordNetDataFile
    /// The synset's byte offset inside `file` (eight decimal digits in the file).
    package var offset: UInt32

    /// Creates an identifier from a file and an offset.
    package init(file: WordNetDataFile, offset: UInt32) {
        self.file = file
        self.offset = offset
    }

    /// Orders by file (noun, verb, adjective, adverb), then by offset.
    package static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.file == rhs.file ? lhs.offset < rhs.offset : lhs.file < rhs.file
    }

    /// `noun:07020895`, the form used in error messages.
    package var description: String {
        let digits = String(offset)
        return "\(file.rawValue):\(String(repeating: "0", count: max(0, 8 - digits.count)))\(digits)"
    }
}
