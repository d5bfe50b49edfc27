/// Splits RFC 4180 CSV bytes into records: fields separated by commas, records by LF or CRLF, fields optionally
/// quoted with `"` (a doubled `""` inside is one quote; quoted fields may hold commas and newlines). Works on bytes,
/// since every structural character is ASCII, and decodes each field as UTF-8 separately so an invalid byte is
/// reported on its record. A broken record is returned as a problem and reading resumes at the next line, so
/// callers can skip it; an unterminated quoted field consumes the rest of the file.
struct CSVRecordReader {
    /// One record: the line it starts on, and its fields or why it is malformed.
    struct Record {
        let line: Int
        let fields: Result<[String], EntryRecordProblem>
    }

    private let bytes: [UInt8]
    private var position = 0
    private var line = 1

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        // A UTF-8 byte-order mark (spreadsheet exports) is not part of the first column name.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    /// The next non-blank record, or nil at the end of the input.
    mutating func next() -> Record? {
        while position < bytes.count {
            let startLine = line
            if isAtLineEnd() {
                skipLineEnd()
                continue
            }
            switch readRecord() {
            case .success(let raw):
                var fields: [String] = []
                fields.reserveCapacity(raw.count)
                for field in raw {
                    guard let text = String(validating: field, as: UTF8.self) else {
                        return Record(line: startLine, fields: .failure(.invalidUTF8))
                    }
                    fields.append(text)
                }
                return Record(line: startLine, fields: .success(fields))
            case .failure(let problem):
                return Record(line: startLine, fields: .failure(problem))
            }
        }
        return nil
    }

    private func isAtLineEnd() -> Bool {
        bytes[position] == Self.newline || (bytes[position] == Self.cr && position + 1 < bytes.count && bytes[position + 1] == Self.newline)
    }

    private mutating func skipLineEnd() {
        position += bytes[position] == Self.cr ? 2 : 1
        line += 1
    }

    /// Reads fields up to and including the record's line end.
    private mutating func readRecord() -> Result<[[UInt8]], EntryRecordProblem> {
        var fields: [[UInt8]] = []
        while true {
            var field: [UInt8] = []
            if position < bytes.count, bytes[position] == Self.quote {
                let openedOn = line
                position += 1
                var closed = false
                while position < bytes.count {
                    let byte = bytes[position]
                    if byte == Self.quote {
                        if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                            field.append(Self.quote)
                            position += 2
                            continue
                        }
                        position += 1
                        closed = true
                        break
                    }
                    if byte == Self.newline { line += 1 }
                    field.append(byte)
                    position += 1
                }
                guard closed else {
                    return .failure(.invalidCSV(reason: "quoted field opened on line \(openedOn) is never closed"))
                }
                if position < bytes.count, bytes[position] != Self.comma, !isAtLineEnd() {
                    resynchronize()
                    return .failure(.invalidCSV(reason: "unexpected character after a closing quote (expected a comma or the end of the line)"))
                }
            } else {
                while position < bytes.count, bytes[position] != Self.comma, !isAtLineEnd() {
                    if bytes[position] == Self.quote {
                        resynchronize()
                        return .failure(.invalidCSV(reason: "quote inside an unquoted field (quote the whole field and double the quote)"))
                    }
                    field.append(bytes[position])
                    position += 1
                }
            }
            fields.append(field)
            if position >= bytes.count { return .success(fields) }
            if bytes[position] == Self.comma {
                position += 1
                continue
            }
            skipLineEnd()
            return .success(fields)
        }
    }

    /// Skips to the start of the next line after a malformed record.
    private mutating func resynchronize() {
        while position < bytes.count, bytes[position] != Self.newline { position += 1 }
        if position < bytes.count {
            position += 1
            line += 1
        }
    }
}
