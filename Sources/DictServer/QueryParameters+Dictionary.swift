import DictionaryCore
import DictionarySearch
import Foundation

extension QueryParameters {
    /// A language parameter: one of the six codes, case-insensitive (`zh-cn` → `zh-CN`); nil when absent. Unknown
    /// codes are a 400 (the original lower-cased `zh-CN` and silently lost Chinese), and so is a present but empty
    /// value (`lang=`): silently searching English instead would hide the client's mistake.
    func language(_ name: String) throws -> Language? {
        guard let raw = value(name)?.trimmingCharacters(in: .whitespaces) else { return nil }
        guard !raw.isEmpty else {
            throw APIError.validation("Parameter '\(name)' is empty: expected one of \(Language.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let language = Language(code: raw) else { throw APIError(SearchError.invalidLanguage(found: raw)) }
        return language
    }

    /// A list of languages from every value of every name in `names` (comma lists allowed), de-duplicated.
    func languages(_ names: [String]) throws -> [Language] {
        var result: [Language] = []
        for name in names {
            for raw in list(name) {
                guard let language = Language(code: raw) else { throw APIError(SearchError.invalidLanguage(found: raw)) }
                if !result.contains(language) { result.append(language) }
            }
        }
        return result
    }

    /// A list of term types from every value of every name in `names`, de-duplicated; unknown types are a 400
    /// (the original accepted any string and used only the first of a comma list).
    func termTypes(_ names: [String]) throws -> [TermType] {
        var result: [TermType] = []
        for name in names {
            for raw in list(name) {
                guard let type = TermType(rawValue: raw.lowercased()) else { throw APIError(SearchError.invalidType(found: raw)) }
                if !result.contains(type) { result.append(type) }
            }
        }
        return result
    }

    /// The first present number among `names`, in 0…100.
    func quality(_ names: [String]) throws -> Double? {
        for name in names {
            if let value = try number(name, range: 0...100) { return value }
        }
        return nil
    }
}
