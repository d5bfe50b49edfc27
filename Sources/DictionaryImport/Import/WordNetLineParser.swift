/// Parses one synset line of a `data.*` file (wndb(5WN)) from its bytes.
///
/// Field by field: `synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id…] p_cnt [ptr…] [frames…] | gloss`.
/// `w_cnt` and `lex_id` are hexadecimal, `p_cnt` and `f_cnt` decimal, a pointer's `source/target` four hex digits.
/// Linear in the line length; works on bytes so that a debug build still parses the full corpus quickly.
struct WordNetLineParser {
    private let bytes: [UInt8]
    private let file: WordNetDataFile
    private let fileLabel: String
    private let lineNumber: Int
    private var position = 0

    private static let space = UInt8(ascii: " ")

    /// Prepares to parse `bytes` (one line without its newline), reporting errors as `fileLabel:lineNumber`.
    init(bytes: [UInt8], file: WordNetDataFile, fileLabel: String, lineNumber: Int) {
        self.bytes = bytes
        self.file = file
        self.fileLabel = fileLabel
        self.lineNumber = lineNumber
    }

    /// Parses the whole line; throws `WordNetError` for invalid UTF-8 or any field out of the documented form.
    mutating func parse() throws -> WordNetSynset {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw WordNetError.invalidUTF8(file: fileLabel, line: lineNumber)
        }
        let offset = try decimal("synset_offset", digits: 8)
        let lexFileNumber = try decimal("lex_filenum", digits: 2)
        guard WordNetLexicographerFile.name(forNumber: lexFileNumber) != nil else {
            throw malformed("lex_filenum", expected: "0…44", found: String(lexFileNumber))
        }
        let partOfSpeech = try partOfSpeechToken("ss_type")
        guard WordNetDataFile(partOfSpeech: partOfSpeech) == file else {
            throw malformed("ss_type", expected: "a synset type stored in \(file.dataFileName)", found: partOfSpeech.rawValue)
        }
        let wordCount = try hexadecimal("w_cnt", maxDigits: 2)
        guard wordCount > 0 else { throw malformed("w_cnt", expected: "at least one word", found: "0") }
        var words: [WordNetSynsetWord] = []
        words.reserveCapacity(wordCount)
        for _ in 0..<wordCount {
            words.append(try word())
        }
        let pointerCount = try decimal("p_cnt", digits: 3)
        var pointers: [WordNetPointer] = []
        pointers.reserveCapacity(pointerCount)
        for _ in 0..<pointerCount {
            pointers.append(try pointer(wordCount: wordCount))
        }
        var frames: [WordNetVerbFrame] = []
        if file == .verb, peekToken() != "|" {
            let frameCount = try decimal("f_cnt", digits: 2)
            for _ in 0..<frameCount {
                try expectToken("+", field: "frame marker")
                let frameNumber = try decimal("f_num", digits: 2)
                let wordNumber = try hexadecimal("w_num", maxDigits: 2)
                guard wordNumber <= wordCount else {
                    throw malformed("w_num", expected: "0…\(wordCount)", found: String(wordNumber))
                }
                frames.append(WordNetVerbFrame(frameNumber: frameNumber, wordNumber: wordNumber))
            }
        }
        try expectToken("|", field: "gloss separator")
        let gloss = WordNetGloss(text: remainder())
        return WordNetSynset(
            id: WordNetSynsetID(file: file, offset: UInt32(offset)),
            partOfSpeech: partOfSpeech,
            lexicographerFileNumber: lexFileNumber,
            words: words,
            pointers: pointers,
            verbFrames: frames,
            definition: gloss.definition,
            examples: gloss.examples
        )
    }

    // MARK: Fields

    private mutating func word() throws -> WordNetSynsetWord {
        let raw = try token("word")
        var text = raw[...]
        var marker: String?
        // Adjective syntactic markers are glued to the word: `galore(ip)`, `asleep(p)`, `elect(a)`.
        for candidate in ["(ip)", "(p)", "(a)"] where file == .adjective {
            let suffix = Array(candidate.utf8)
            if text.count > suffix.count, text.suffix(suffix.count).elementsEqual(suffix) {
                text = text.dropLast(suffix.count)
                marker = String(candidate.dropFirst().dropLast())
                break
            }
        }
        let lemma = String(decoding: text.map { $0 == UInt8(ascii: "_") ? Self.space : $0 }, as: UTF8.self)
        let lexicalID = try hexadecimal("lex_id", maxDigits: 1)
        return WordNetSynsetWord(lemma: lemma, lexicalID: lexicalID, adjectiveMarker: marker)
    }

    private mutating func pointer(wordCount: Int) throws -> WordNetPointer {
        let symbolToken = try token("pointer_symbol")
        let symbol = String(decoding: symbolToken, as: UTF8.self)
        guard let kind = WordNetPointerKind(rawValue: symbol) else {
            throw malformed("pointer_symbol", expected: "a wndb pointer symbol", found: symbol)
        }
        let targetOffset = try decimal("pointer synset_offset", digits: 8)
        let targetPartOfSpeech = try partOfSpeechToken("pointer pos")
        let sourceTarget = try token("source/target")
        guard sourceTarget.count == 4, let value = Self.parseHex(sourceTarget[...]) else {
            throw malformed("source/target", expected: "four hex digits", found: String(decoding: sourceTarget, as: UTF8.self))
        }
        let sourceWord = value >> 8
        guard sourceWord <= wordCount else {
            throw malformed("source/target", expected: "source word 0…\(wordCount)", found: String(sourceWord))
        }
        return WordNetPointer(
            kind: kind,
            target: WordNetSynsetID(file: WordNetDataFile(partOfSpeech: targetPartOfSpeech), offset: UInt32(targetOffset)),
            targetPartOfSpeech: targetPartOfSpeech,
            sourceWord: sourceWord,
            targetWord: value & 0xFF
        )
    }

    private mutating func partOfSpeechToken(_ field: String) throws -> WordNetPartOfSpeech {
        let raw = try token(field)
        let text = String(decoding: raw, as: UTF8.self)
        guard let partOfSpeech = WordNetPartOfSpeech(rawValue: text) else {
            throw malformed(field, expected: "one of n v a s r", found: text)
        }
        return partOfSpeech
    }

    private mutating func decimal(_ field: String, digits: Int) throws -> Int {
        let raw = try token(field)
        var value = 0
        guard raw.count == digits else {
            throw malformed(field, expected: "\(digits) decimal digits", found: String(decoding: raw, as: UTF8.self))
        }
        for byte in raw {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw malformed(field, expected: "\(digits) decimal digits", found: String(decoding: raw, as: UTF8.self))
            }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private mutating func hexadecimal(_ field: String, maxDigits: Int) throws -> Int {
        let raw = try token(field)
        guard raw.count <= maxDigits, let value = Self.parseHex(raw[...]) else {
            throw malformed(field, expected: "up to \(maxDigits) hex digits", found: String(decoding: raw, as: UTF8.self))
        }
        return value
    }

    private static func parseHex(_ raw: ArraySlice<UInt8>) -> Int? {
        guard !raw.isEmpty else { return nil }
        var value = 0
        for byte in raw {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value * 16 + Int(digit)
        }
        return value
    }

    // MARK: Tokens

    private mutating func expectToken(_ expected: String, field: String) throws {
        let raw = try token(field)
        guard raw.elementsEqual(expected.utf8) else {
            throw malformed(field, expected: "'\(expected)'", found: String(decoding: raw, as: UTF8.self))
        }
    }

    /// The next space-separated token; throws when the line ends first.
    private mutating func token(_ field: String) throws -> ArraySlice<UInt8> {
        while position < bytes.count, bytes[position] == Self.space { position += 1 }
        let start = position
        while position < bytes.count, bytes[position] != Self.space { position += 1 }
        guard position > start else { throw malformed(field, expected: "a value", found: "end of line") }
        return bytes[start..<position]
    }

    private func peekToken() -> String {
        var copy = self
        return (try? copy.token("peek")).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    private func remainder() -> String {
        String(decoding: bytes[min(position, bytes.count)...], as: UTF8.self)
    }

    private func malformed(_ field: String, expected: String, found: String) -> WordNetError {
        .malformedLine(file: fileLabel, line: lineNumber, field: field, expected: expected, found: found)
    }
}
