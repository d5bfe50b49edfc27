import Foundation

extension WordNetReader {
    /// Reads `index.<pos>` and returns, per lower-cased lemma (underscores as spaces), its synset offsets in
    /// sense-rank order (most frequent sense first, from WordNet's tagged-corpus counts).
    ///
    /// Index line: `lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…`.
    /// A missing index file yields an empty map: ranking then falls back to data-file order. Linear in the file size.
    package func senseRanks(in file: WordNetDataFile) throws -> [String: [UInt32]] {
        let path = (directory as NSString).appendingPathComponent(file.indexFileName)
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        var ranks: [String: [UInt32]] = [:]
        let stream = WordNetLineStream(path: path, fileLabel: file.indexFileName)
        try stream.forEachLine { bytes, lineNumber, _ in
            if bytes.isEmpty || bytes.starts(with: [UInt8(ascii: " "), UInt8(ascii: " ")]) { return }
            guard String(validating: bytes, as: UTF8.self) != nil else {
                throw WordNetError.invalidUTF8(file: file.indexFileName, line: lineNumber)
            }
            let fields = bytes.split(separator: UInt8(ascii: " "))
            func malformed(_ field: String, _ found: ArraySlice<UInt8>) -> WordNetError {
                .malformedLine(file: file.indexFileName, line: lineNumber, field: field,
                               expected: "wndb index format", found: String(decoding: found, as: UTF8.self))
            }
            guard fields.count >= 4, let synsetCount = Self.decimal(fields[2]), let pointerCount = Self.decimal(fields[3])
            else { throw malformed("synset_cnt/p_cnt", bytes[...]) }
            let offsetsStart = 4 + pointerCount + 2
            guard fields.count == offsetsStart + synsetCount else {
                throw malformed("field count", fields.last ?? bytes[...])
            }
            var offsets: [UInt32] = []
            offsets.reserveCapacity(synsetCount)
            for field in fields[offsetsStart...] {
                guard field.count == 8, let offset = Self.decimal(field) else { throw malformed("synset_offset", field) }
                offsets.append(UInt32(offset))
            }
            let lemma = String(decoding: fields[0].map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
                .lowercased()
            ranks[lemma, default: []].append(contentsOf: offsets)
        }
        return ranks
    }

    /// A non-negative decimal number of at most nine digits, or nil.
    private static func decimal(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
