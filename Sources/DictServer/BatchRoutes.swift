import DictionaryCore
import DictionarySearch
import Foundation
import Hummingbird

/// `POST /api/v1/batch/query`: many exact lookups in one call.
///
/// Answers both shapes: the web client's `found` (entries), `not_found` (strings) and `processing` (always empty:
/// nothing is generated), and the original's `results` (keyed by the requested spelling) with `summary`.
struct BatchRoutes {
    /// Longest term in a batch, in characters.
    static let maximumTermLength = 200

    let dependencies: ServerDependencies

    func register(on router: Router<DictRequestContext>) {
        router.post("/api/v1/batch/query") { request, context in try await query(request: request, context: context) }
    }

    struct Body: Decodable {
        let terms: [String]
        let lang: String?
        let includeRelated: Bool?
        /// Accepted for compatibility; this service never generates entries.
        let generateMissing: Bool?

        enum CodingKeys: String, CodingKey {
            case terms, lang
            case includeRelated = "include_related"
            case generateMissing = "generate_missing"
        }
    }

    /// One term's outcome in the original's `results` map.
    struct Outcome: Encodable, Sendable {
        let found: Bool
        let entry: DictionaryEntry?
        let relatedTerms: [RelatedTermPayload]?
        let normalizedTerm: String?
        let message: String?

        enum CodingKeys: String, CodingKey {
            case found, entry, message
            case relatedTerms = "related_terms"
            case normalizedTerm = "normalized_term"
        }
    }

    struct Summary: Encodable, Sendable {
        let totalRequested: Int
        let found: Int
        let notFound: Int
        let generated = 0

        enum CodingKeys: String, CodingKey {
            case found, generated
            case totalRequested = "total_requested"
            case notFound = "not_found"
        }
    }

    struct Payload: Encodable, Sendable {
        let found: [DictionaryEntry]
        let notFound: [String]
        let processing: [String] = []
        let results: [String: Outcome]
        let summary: Summary

        enum CodingKeys: String, CodingKey {
            case found, processing, results, summary
            case notFound = "not_found"
        }
    }

    /// `terms`: 1…50 strings of 1…200 characters and at most 800 UTF-8 bytes (duplicates after normalization count once); `lang` one of the
    /// six codes (default `en`); `include_related` adds up to 3 related terms per found entry.
    func query(request: Request, context: DictRequestContext) async throws -> SuccessEnvelope<Payload> {
        let body = try await JSONBody.decode(Body.self, from: request, context: context)
        guard (1...BatchLookup.maximumTerms).contains(body.terms.count) else {
            throw APIError.validation("Field 'terms' must hold 1...\(BatchLookup.maximumTerms) strings, found \(body.terms.count)")
        }
        let limit = TextLimit(characters: 1...Self.maximumTermLength)
        for (index, term) in body.terms.enumerated() {
            let text = term.trimmingCharacters(in: .whitespacesAndNewlines)
            if let problem = limit.violation(of: text, label: "Field 'terms[\(index)]'") { throw APIError.validation(problem) }
        }
        var lang = Language.en
        if let code = body.lang {
            guard let parsed = Language(code: code) else { throw APIError(SearchError.invalidLanguage(found: code)) }
            lang = parsed
        }
        let items: [BatchLookup.Item]
        do {
            items = try await dependencies.batch.lookup(body.terms, lang: lang)
        } catch let error as SearchError {
            throw APIError(error)
        }
        var results: [String: Outcome] = [:]
        var found: [DictionaryEntry] = []
        var notFound: [String] = []
        for item in items {
            if let entry = item.entry {
                let related = body.includeRelated == true ? try await dependencies.search.relatedTerms(to: entry.id, limit: 3).map(RelatedTermPayload.init) : nil
                found.append(entry)
                results[item.term] = Outcome(found: true, entry: entry, relatedTerms: related, normalizedTerm: nil, message: nil)
            } else {
                notFound.append(item.term)
                results[item.term] = Outcome(found: false, entry: nil, relatedTerms: nil, normalizedTerm: item.normalizedTerm, message: "Term not found")
            }
        }
        return SuccessEnvelope(Payload(
            found: found, notFound: notFound, results: results,
            summary: Summary(totalRequested: items.count, found: found.count, notFound: notFound.count)))
    }
}
