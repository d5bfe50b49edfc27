/// Why a word-frequency list was refused. Nothing is written when any line is bad.
package enum WordFrequencyImportError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(file: String)
    case noLists(searched: String)
    case emptyList(file: String)
    case invalidLine(file: String, line: Int, expected: String, found: String)
    case unknownLanguage(file: String, found: String)

    package var description: String {
        switch self {
        case .unreadable(let file): "cannot read \(file)"
        case .noLists(let searched):
            "no word-frequency lists (<lang>.tsv) in \(searched); install them with: bash models/install-wordfreq.sh"
        case .emptyList(let file): "\(file): expected word<TAB>zipf lines, found none"
        case .invalidLine(let file, let line, let expected, let found): "\(file):\(line): expected \(expected), found \(found)"
        case .unknownLanguage(let file, let found):
            "\(file): expected a file named after a language (en.tsv, de.tsv, zh-CN.tsv, …), found \"\(found.prefix(40))\""
        }
    }
}
