import DictStore
import DictionaryCore
import DictionarySearch
import Foundation
import HTTPTypes
import Hummingbird

/// `/api/v1/terms/…`: exact lookup by term, lookup by id, the term across languages, and feedback on an entry.
///
/// All three term routes share the path segment `{term}` (Hummingbird's router cannot hold two differently named
/// captures at one position); for feedback that segment is the entry's UUID.
struct TermRoutes {
    /// Longest accepted term, in characters (the original's limit for batch and related terms).
    static let maximumTermLength = 200
    /// Related terms returned with an entry (the original's top 5 by confidence).
    static let relatedLimit = 5

    let dependencies: ServerDependencies
    /// Found lookups, replayed for a few seconds (see `ResponseCache`).
    let cache: ResponseCache

    func register(on router: Router<DictRequestContext>) {
        router.get("/api/v1/terms/id/{id}") { _, context in try await lookupByID(context: context) }
        router.get("/api/v1/terms/{term}") { request, context in try await lookup(request: request, context: context) }
        router.get("/api/v1/terms/{term}/languages") { request, context in try await languages(request: request, context: context) }
        router.post("/api/v1/terms/{term}/feedback") { request, context in try await feedback(request: request, context: context) }
    }

    /// Exact lookup in `lang` (default `en`); with `searchAllLanguages=true` any language, `lang` first.
    /// Not found → 404 with `data.suggestions` (≤5 terms starting with the query, any language). A found entry is
    /// answered from `cache` for a few seconds (`X-Cache: HIT`, `cache_hit: true`; not for a read with a bookmark),
    /// recorded in analytics each time.
    func lookup(request: Request, context: DictRequestContext) async throws -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        let term = try PathParameter.text("term", context: context, maxLength: Self.maximumTermLength)
        let query = try QueryParameters(request)
        let language = try query.language("lang") ?? .en
        let allLanguages = try query.boolean("searchAllLanguages") ?? false
        let key = "\(allLanguages ? "*" : "")\(language.rawValue)\u{1F}\(term)"
        // A bookmarked read asks for a state at least as new as its bookmark, which a cached answer may predate.
        let bookmarked = request.headers[BookmarkMiddleware.bookmarkHeader] != nil
        if !bookmarked, let cached = cache.entry(for: key) {
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
            if let event = cached.event { _ = dependencies.analytics?.record(event.repeated(responseTimeMs: elapsed)) }
            dependencies.metrics.recordSearch(mode: SearchMode.exact.rawValue)
            return cached.response
        }
        let searchRequest = SearchRequest(
            query: term, mode: .exact, filters: SearchFilters(languages: allLanguages ? [] : [language]), limit: 1,
            preferredLanguage: language)
        let response = try await dependencies.runSearch(searchRequest)
        guard let hit = response.results.first else {
            throw APIError.notFound(
                "Term not found",
                data: [
                    "term": .string(term), "normalized_term": .string(response.normalizedQuery),
                    "suggestions": .array(response.suggestions.map { .string($0) }),
                ])
        }
        let related = try await dependencies.search.relatedTerms(to: hit.entry.id, limit: Self.relatedLimit).map(RelatedTermPayload.init)
        var answer = try context.responseEncoder.encode(
            SuccessEnvelope(EntryLookupPayload(entry: hit.entry, relatedTerms: related)), from: request, context: context)
        guard cache.isEnabled else { return answer }
        var replay = try context.responseEncoder.encode(
            SuccessEnvelope(EntryLookupPayload(entry: hit.entry, relatedTerms: related, cacheHit: true)), from: request, context: context)
        replay.headers[ResponseCache.header] = "HIT"
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
        cache.store(replay, event: SearchEvent(request: searchRequest, response: response, responseTimeMs: elapsed), for: key)
        answer.headers[ResponseCache.header] = "MISS"
        return answer
    }

    /// The entry with this UUID and its related terms; 404 when there is none.
    func lookupByID(context: DictRequestContext) async throws -> SuccessEnvelope<EntryLookupPayload> {
        let id = try PathParameter.entryID("id", context: context)
        guard let entry = try await dependencies.search.store.entries(ids: [id])[id] else { throw APIError.notFound("Entry not found") }
        let related = try await dependencies.search.relatedTerms(to: entry.id, limit: Self.relatedLimit)
        return SuccessEnvelope(EntryLookupPayload(entry: entry, relatedTerms: related.map(RelatedTermPayload.init)))
    }

    /// The term in each of `languages` (comma list, default all six) that has it: `{term, normalized_term,
    /// languages: {code: entry}}`. Languages without the term are absent (200 with an empty map when none has it).
    func languages(request: Request, context: DictRequestContext) async throws -> SuccessEnvelope<LanguageMapPayload> {
        let term = try PathParameter.text("term", context: context, maxLength: Self.maximumTermLength)
        let query = try QueryParameters(request)
        let requested = try query.languages(["languages"])
        let searchRequest = SearchRequest(
            query: term, mode: .exact, filters: SearchFilters(languages: requested), limit: SearchService.limitRange.upperBound)
        let response = try await dependencies.runSearch(searchRequest, recorded: false)
        var byLanguage: [String: DictionaryEntry] = [:]
        // Results come exact-spelling first, then by quality, so the first hit per language is its best entry.
        for hit in response.results where byLanguage[hit.entry.lang.rawValue] == nil {
            byLanguage[hit.entry.lang.rawValue] = hit.entry
        }
        return SuccessEnvelope(LanguageMapPayload(term: response.normalizedQuery, normalizedTerm: response.normalizedQuery, languages: byLanguage))
    }

    /// The feedback body: every field optional, at least one of rating, helpful, feedback_text.
    struct FeedbackBody: Decodable {
        let rating: Int?
        let helpful: Bool?
        let feedbackText: String?
        let feedbackType: FeedbackService.FeedbackType?

        enum CodingKeys: String, CodingKey {
            case rating, helpful
            case feedbackText = "feedback_text"
            case feedbackType = "feedback_type"
        }
    }

    /// `{feedback_id}` of stored feedback.
    struct FeedbackPayload: Encodable, Sendable {
        let feedbackID: String
        enum CodingKeys: String, CodingKey { case feedbackID = "feedback_id" }
    }

    /// Stores feedback on the entry whose UUID is the path segment; a rating ≤ 2 also queues it for enhancement.
    func feedback(request: Request, context: DictRequestContext) async throws -> SuccessEnvelope<FeedbackPayload> {
        let id = try PathParameter.entryID("term", context: context)
        let body = try await JSONBody.decode(FeedbackBody.self, from: request, context: context)
        if let text = body.feedbackText?.trimmingCharacters(in: .whitespacesAndNewlines),
           let problem = TextLimit(characters: 0...FeedbackService.maximumTextLength).violation(of: text, label: "Field 'feedback_text'") {
            throw APIError.validation(problem)
        }
        do {
            let feedbackID = try await dependencies.feedback.submit(
                .init(entryID: id, rating: body.rating, helpful: body.helpful, text: body.feedbackText, type: body.feedbackType))
            return SuccessEnvelope(FeedbackPayload(feedbackID: feedbackID), message: "Thank you for your feedback")
        } catch let error as FeedbackService.FeedbackError {
            throw APIError(error)
        }
    }
}
