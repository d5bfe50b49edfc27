/// Why an entries import was aborted; nothing was written. Record errors name the file and the 1-based line.
package enum EntryFileImportError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadableFile(file: String, reason: String)
    /// The file holds no records (only blank lines, or only a CSV header).
    case emptyFile(file: String)
    /// The CSV header lacks required columns.
    case missingColumns(file: String, missing: [String])
    /// The CSV header names a column the importer does not know (likely a typo), or names one twice.
    case unexpectedColumn(file: String, column: String, expected: [String])
    /// One record is invalid (without `skipInvalid`, the first one aborts the import).
    case invalidRecord(file: String, line: Int, problem: EntryRecordProblem)

    package var description: String {
        switch self {
        case .unreadableFile(let file, let reason): "\(file): cannot read (\(reason))"
        case .emptyFile(let file): "\(file): no entries found (empty file)"
        case .missingColumns(let file, let missing): "\(file):1: CSV header lacks required column(s) \(missing.joined(separator: ", "))"
        case .unexpectedColumn(let file, let column, let expected):
            "\(file):1: unexpected or repeated CSV column \"\(column.prefix(40))\"; expected columns from \(expected.joined(separator: ", "))"
        case .invalidRecord(let file, let line, let problem): "\(file):\(line): \(problem)"
        }
    }
}
