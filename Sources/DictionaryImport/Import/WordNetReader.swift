import Foundation

/// Streams the synsets of the WordNet 3.0 database files (Debian package `wordnet-base`, `/usr/share/wordnet`).
///
/// Reads `data.noun`, `data.verb`, `data.adj` and `data.adv` in the format of wndb(5WN): licence header lines (two
/// leading spaces) are skipped, every other line is one synset. Each synset's `synset_offset` is checked against its
/// byte offset, which catches truncated or edited files. One pass, O(file size) time; memory is one chunk plus the
/// synsets the caller keeps. Errors are `WordNetError` values naming the file and the line.
package struct WordNetReader: Sendable {
    /// Where Debian's `wordnet-base` installs the database.
    package static let defaultDirectory = "/usr/share/wordnet"

    /// The directory holding the `data.*` and `index.*` files.
    package var directory: String

    /// A reader for the files in `directory`.
    package init(directory: String = WordNetReader.defaultDirectory) {
        self.directory = directory
    }

    /// The full path of a data file.
    package func path(of file: WordNetDataFile) -> String {
        (directory as NSString).appendingPathComponent(file.dataFileName)
    }

    /// True when all four data files exist (the install hint is in `WordNetError.fileMissing`).
    package var dataFilesExist: Bool {
        WordNetDataFile.allCases.allSatisfy { FileManager.default.fileExists(atPath: path(of: $0)) }
    }

    /// Calls `body` for each synset of `file` in file order, without keeping them.
    package func forEachSynset(in file: WordNetDataFile, _ body: (WordNetSynset) throws -> Void) throws {
        let path = path(of: file)
        let stream = WordNetLineStream(path: path, fileLabel: file.dataFileName)
        try stream.forEachLine { bytes, lineNumber, byteOffset in
            if bytes.isEmpty || bytes.starts(with: [UInt8(ascii: " "), UInt8(ascii: " ")]) { return }
            let synset = try Self.parseSynset(lineBytes: bytes, file: file, lineNumber: lineNumber)
            guard Int(synset.id.offset) == byteOffset else {
                throw WordNetError.offsetMismatch(
                    file: file.dataFileName, line: lineNumber, expected: byteOffset, found: Int(synset.id.offset)
                )
            }
            try body(synset)
        }
    }

    /// All synsets of one file, in file order.
    package func synsets(in file: WordNetDataFile) throws -> [WordNetSynset] {
        var result: [WordNetSynset] = []
        try forEachSynset(in: file) { result.append($0) }
        return result
    }

    /// All synsets of the four files: nouns, verbs, adjectives, adverbs (117,659 for WordNet 3.0).
    package func allSynsets() throws -> [WordNetSynset] {
        var result: [WordNetSynset] = []
        result.reserveCapacity(120_000)
        for file in WordNetDataFile.allCases {
            try forEachSynset(in: file) { result.append($0) }
        }
        return result
    }

    /// Parses one synset line (without its newline). `lineNumber` is only used in errors.
    package static func parseSynset(line: String, file: WordNetDataFile, lineNumber: Int = 1) throws -> WordNetSynset {
        try parseSynset(lineBytes: Array(line.utf8), file: file, lineNumber: lineNumber)
    }

    /// Parses one synset line given as bytes; invalid UTF-8 is `WordNetError.invalidUTF8`.
    package static func parseSynset(lineBytes: [UInt8], file: WordNetDataFile, lineNumber: Int) throws -> WordNetSynset {
        var parser = WordNetLineParser(bytes: lineBytes, file: file, fileLabel: file.dataFileName, lineNumber: lineNumber)
        return try parser.parse()
    }
}
