import Foundation

extension WordNetReader {
    /// Reads `index.<pos>` and returns, per lower-cased lemma (underscores as spaces), its synset offsets in
    /// sense-rank order (most frequent sense first, from WordNet's tagged-corpus counts).
    ///
    /// Index line: `lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…`.
    /// A missing index file yields an empty map: ranking then falls back to data-file order.
    public func senseRanks(in file: WordNetDataFile) throws -> [String: [UInt32]] {
        let path = (directory as NSString).appendingPathComponent(file.indexFileName)
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        var ranks: [String: [UInt32]] = [:]
        let stream = WordNetLineStream(path: path, fileLabel: file.indexFileName)
        try stream.forEachLine { bytes, lineNumber, _ in
            if bytes.isEmpty || bytes.starts(with: [UInt8(ascii: " "), UInt8(ascii: " ")]) { return }
            guard let line = String(validating: bytes, as: UTF8.self) else {
                throw WordNetError.invalidUTF8(file: file.indexFileName, line: lineNumber)
            }
            let fields = line.split(separator: " ")
            func malformed(_ field: String, _ found: String) -> WordNetError {
                .malformedLine(file: file.indexFileName, line: lineNumber, field: field, expected: "wndb index format", found: found)
            }
            guard fields.count >= 4, let synsetCount = Int(fields[2]), let pointerCount = Int(fields[3]) else {
                throw malformed("synset_cnt/p_cnt", line)
            }
            let offsetsStart = 4 + pointerCount + 2
            guard synsetCount >= 0, pointerCount >= 0, fields.count == offsetsStart + synsetCount else {
                throw malformed("field count", String(fields.count))
            }
            var offsets: [UInt32] = []
            offsets.reserveCapacity(synsetCount)
            for field in fields[offsetsStart...] {
                guard field.count == 8, let offset = UInt32(field) else { throw malformed("synset_offset", String(field)) }
                offsets.append(offset)
            }
            let lemma = fields[0].replacingOccurrences(of: "_", with: " ").lowercased()
            ranks[lemma, default: []].append(contentsOf: offsets)
        }
        return ranks
    }
}
