import Foundation

extension WordNetReader {
    /// Reads `cntlist.rev`: how often each sense of each lemma was tagged in the SemCor corpus, keyed by lemma,
    /// part of speech and sense number. Line: `lemma%ss_type:lex_filenum:lex_id:head_word:head_id sense_number
    /// tag_cnt` (wndb(5WN)); `ss_type` 1 noun, 2 verb, 3 adjective, 4 adverb, 5 adjective satellite. A missing file
    /// yields nil (senses then carry no tag count). Linear in the file size.
    package func senseTagCounts() throws -> [WordNetSenseNumber: Int]? {
        let name = "cntlist.rev"
        let path = (directory as NSString).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var counts: [WordNetSenseNumber: Int] = [:]
        counts.reserveCapacity(40_000)
        let stream = WordNetLineStream(path: path, fileLabel: name)
        try stream.forEachLine { bytes, lineNumber, _ in
            if bytes.isEmpty { return }
            guard let line = String(validating: bytes, as: UTF8.self) else {
                throw WordNetError.invalidUTF8(file: name, line: lineNumber)
            }
            let fields = line.split(separator: " ")
            func malformed(_ field: String, _ found: Substring) -> WordNetError {
                .malformedLine(file: name, line: lineNumber, field: field,
                               expected: "sense_key sense_number tag_cnt", found: String(found.prefix(80)))
            }
            guard fields.count == 3 else { throw malformed("field count", line[...]) }
            guard let percent = fields[0].firstIndex(of: "%"), let typeDigit = fields[0][percent...].dropFirst().first
            else { throw malformed("sense_key", fields[0]) }
            let file: WordNetDataFile
            switch typeDigit {
            case "1": file = .noun
            case "2": file = .verb
            case "3", "5": file = .adjective
            case "4": file = .adverb
            default: throw malformed("ss_type", fields[0])
            }
            guard let number = Int(fields[1]), number >= 1 else { throw malformed("sense_number", fields[1]) }
            guard let count = Int(fields[2]), count >= 0 else { throw malformed("tag_cnt", fields[2]) }
            let lemma = fields[0][..<percent].replacingOccurrences(of: "_", with: " ").lowercased()
            counts[WordNetSenseNumber(lemma: lemma, file: file, number: number), default: 0] += count
        }
        return counts
    }
}
