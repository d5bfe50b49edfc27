import DictStore
import DictTesting
import Foundation
import Testing

@testable import DictionaryService

/// Every mode against the seeded fixture, checked against brute force over all entries.
@Suite struct SearchModeTests {
    /// Filter combinations every brute-force check runs with.
    static let filterCases: [SearchFilters] = [
        SearchFilters(),
        SearchFilters(languages: [.en]),
        SearchFilters(languages: [.zhCN, .zhTW, .de]),
        SearchFilters(types: [.dynamics, .tempo]),
        SearchFilters(minQuality: 50),
        SearchFilters(languages: [.en, .fr], minQuality: 20, maxQuality: 90),
    ]

    /// Runs every page of `request` (page size 13) and returns the concatenation plus the reported total.
    static func allPages(_ service: SearchService, _ request: SearchRequest) throws -> ([SearchHit], Int) {
        var hits: [SearchHit] = []
        var request = request
        request.limit = 13
        request.offset = 0
        var total = -1
        while true {
            let response = try service.search(request)
            if total < 0 { total = response.total }
            #expect(response.total == total, "total must not change between pages")
            hits += response.results
            if response.results.count < request.limit { break }
            request.offset += request.limit
        }
        return (hits, total)
    }

    /// Checks a mode's paged results: the matched set equals `expected`, totals agree, pages do not overlap, and
    /// non-relevance sorts follow the brute-force order.
    static func check(
        _ fixture: FixtureDictionary, _ service: SearchService, mode: SearchMode, query: String,
        expected: (DictionaryEntry, SearchFilters) -> Bool
    ) throws {
        let all = try fixture.allEntries()
        let seqs = try fixture.seqs()
        for filters in filterCases {
            let wanted = all.filter { expected($0, filters) && FixtureDictionary.passes($0, filters) }
            for sort in SearchSort.allCases {
                let request = SearchRequest(query: query, mode: mode, filters: filters, sort: sort)
                let (hits, total) = try allPages(service, request)
                let context = "mode \(mode) query \(query.debugDescription) filters \(filters) sort \(sort) seed \(fixture.seed)"
                #expect(total == wanted.count, "\(context)")
                #expect(Set(hits.map(\.entry.id)) == Set(wanted.map(\.id)), "\(context)")
                #expect(hits.count == Set(hits.map(\.entry.id)).count, "pages overlap: \(context)")
                if sort != .relevance {
                    let bruteForce = wanted.sorted { FixtureDictionary.inOrder($0, $1, sort, seqs: seqs) }
                    #expect(hits.map(\.entry.id) == bruteForce.map(\.id), "\(context)")
                } else if mode == .prefix || mode == .lexical {
                    let tiers = hits.compactMap { $0.tier?.rawValue }
                    #expect(tiers == tiers.sorted(), "relevance tiers out of order: \(context)")
                }
            }
        }
    }

    static func scalarsContain(_ text: String, _ part: String) -> Bool {
        let haystack = text.unicodeScalars.map(\.value)
        let needle = part.unicodeScalars.map(\.value)
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }

    @Test(arguments: DatabaseKind.allCases)
    func exactMatchesBruteForce(kind: DatabaseKind) throws {
        let fixture = try FixtureDictionary(kind: kind)
        let service = SearchService(database: fixture.database)
        for query in ["CRESCENDO", "creme", "Frohlich", "渐强", "rondo 4", "nothing here"] {
            let normalized = TermNormalizer.normalize(query)
            let folded = TermNormalizer.fold(normalized)
            try Self.check(fixture, service, mode: .exact, query: query) { entry, _ in entry.normalizedTerm == normalized || entry.foldedTerm == folded }
        }
        // Normalized spelling beats an accent-folded one; the requested language comes first.
        let creme = try service.search(SearchRequest(query: "creme", mode: .exact))
        #expect(creme.results.map(\.entry.term) == ["creme", "crème"])
        let spanish = try service.search(SearchRequest(query: "crescendo", mode: .exact, preferredLanguage: .es))
        #expect(spanish.results.map(\.entry.lang) == [.es, .en])
        // Suggestions when nothing matches; fallback to other languages on request.
        let missing = try service.search(SearchRequest(query: "cresc", mode: .exact))
        #expect(missing.total == 0)
        #expect(missing.suggestions.count <= 5 && missing.suggestions.contains("crescendo"))
        let german = SearchRequest(query: "frohlich", mode: .exact, filters: SearchFilters(languages: [.en]))
        #expect(try service.search(german).total == 0)
        var fallback = german
        fallback.languageFallback = true
        #expect(try service.search(fallback).results.map(\.entry.term) == ["fröhlich"])
    }

    @Test(arguments: DatabaseKind.allCases)
    func prefixMatchesBruteForce(kind: DatabaseKind) throws {
        let fixture = try FixtureDictionary(kind: kind)
        let service = SearchService(database: fixture.database)
        for query in ["a", "cre", "S", "fur", "漸", "allegr", "100%", "a_"] {
            let normalized = TermNormalizer.normalize(query)
            let folded = TermNormalizer.fold(normalized)
            try Self.check(fixture, service, mode: .prefix, query: query) { entry, _ in
                entry.normalizedTerm.unicodeScalars.starts(with: normalized.unicodeScalars) || entry.foldedTerm.unicodeScalars.starts(with: folded.unicodeScalars)
            }
        }
        let allegro = try service.search(SearchRequest(query: "allegr", mode: .prefix))
        #expect(allegro.results.map(\.entry.term) == ["allegro", "allegretto"], "shorter completions first")
    }

    @Test(arguments: DatabaseKind.allCases)
    func lexicalMatchesBruteForce(kind: DatabaseKind) throws {
        let fixture = try FixtureDictionary(kind: kind)
        let service = SearchService(database: fixture.database)
        for query in ["sonata", "cresc", "gradually getting", "渐强", "強", "soft", "fugue 3", "détached", "related to canon"] {
            let normalized = TermNormalizer.normalize(query)
            let folded = TermNormalizer.fold(normalized)
            let tokens = QueryText.tokens(folded)
            func documentTokens(_ entry: DictionaryEntry) -> [String] {
                let text = [entry.term, (entry.metadata.synonyms ?? []).joined(separator: " "), entry.definition.concise ?? "", entry.definition.detailed ?? ""].joined(separator: " ")
                return QueryText.tokens(TermNormalizer.fold(TermNormalizer.normalize(text)))
            }
            func matchesToken(_ document: [String], _ index: Int) -> Bool {
                index == tokens.count - 1 ? document.contains { $0.hasPrefix(tokens[index]) } : document.contains(tokens[index])
            }
            let all = try fixture.allEntries()
            func andMatches(_ filters: SearchFilters) -> [DictionaryEntry] { all.filter { entry in
                guard FixtureDictionary.passes(entry, filters) else { return false }
                let document = documentTokens(entry)
                return tokens.indices.allSatisfy { matchesToken(document, $0) }
                    || Self.scalarsContain(entry.normalizedTerm, normalized) || Self.scalarsContain(entry.foldedTerm, folded)
            } }
            var useOrByFilters: [SearchFilters: Bool] = [:]
            try Self.check(fixture, service, mode: .lexical, query: query) { entry, filters in
                let useOr = useOrByFilters[filters] ?? {
                    let value = tokens.count > 1 && andMatches(filters).isEmpty
                    useOrByFilters[filters] = value
                    return value
                }()
                let document = documentTokens(entry)
                let ftsMatch = useOr ? tokens.indices.contains { matchesToken(document, $0) } : tokens.indices.allSatisfy { matchesToken(document, $0) }
                return ftsMatch || Self.scalarsContain(entry.normalizedTerm, normalized) || Self.scalarsContain(entry.foldedTerm, folded)
            }
        }
        let cresc = try service.search(SearchRequest(query: "cresc", mode: .lexical))
        #expect(cresc.results.first.map { $0.entry.normalizedTerm } == "crescendo")
        #expect(cresc.results.first?.tier == .prefix)
        let chinese = try service.search(SearchRequest(query: "渐强", mode: .lexical))
        #expect(chinese.results.first?.entry.term == "渐强")
        #expect(chinese.results.first?.tier == .exact)
        // Browsing with an empty query lists everything that passes the filters.
        let browse = try service.search(SearchRequest(query: "", mode: .lexical, filters: SearchFilters(languages: [.de])))
        #expect(browse.total == (try fixture.allEntries()).filter { $0.lang == .de }.count)
    }

    @Test(arguments: DatabaseKind.allCases)
    func semanticMatchesBruteForce(kind: DatabaseKind) throws {
        let fixture = try FixtureDictionary(kind: kind)
        let (components, backend) = try fixture.semanticComponents()
        var configuration = SearchConfiguration()
        configuration.minSimilarity = 0.2
        let service = SearchService(database: fixture.database, semantic: components, configuration: configuration)
        let all = try fixture.allEntries()
        let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
        for query in ["gradually getting louder", "sonata related", "soft keyboard instrument"] {
            let vector = try components.embedder.embed([query])[0]
            let similarity = Dictionary(uniqueKeysWithValues: backend.vectors.map { item in
                (item.id, zip(vector, item.vector).reduce(Float(0)) { $0 + $1.0 * $1.1 })
            })
            try Self.check(fixture, service, mode: .semantic, query: query) { entry, _ in similarity[entry.id]! >= 0.2 }
            // Relevance order is descending similarity (ties by insertion order).
            let (hits, _) = try Self.allPages(service, SearchRequest(query: query, mode: .semantic))
            let expected = backend.vectors.enumerated().filter { similarity[$0.element.id]! >= 0.2 }
                .sorted { similarity[$0.element.id]! != similarity[$1.element.id]! ? similarity[$0.element.id]! > similarity[$1.element.id]! : $0.offset < $1.offset }
                .map(\.element.id)
            #expect(hits.map(\.entry.id) == expected, "query \(query)")
            #expect(hits.allSatisfy { byID[$0.entry.id] != nil && $0.similarity != nil })
        }
        let louder = try service.search(SearchRequest(query: "gradually getting louder", mode: .semantic, limit: 1))
        #expect(louder.results.first?.entry.term == "crescendo")
    }

    @Test(arguments: DatabaseKind.allCases)
    func hybridFusesBothLegsAndLetsLexicalCarryChinese(kind: DatabaseKind) throws {
        let fixture = try FixtureDictionary(kind: kind)
        let (components, _) = try fixture.semanticComponents()
        var configuration = SearchConfiguration()
        configuration.minSimilarity = 0.2
        let service = SearchService(database: fixture.database, semantic: components, configuration: configuration)
        let lexicalOnly = SearchService(database: fixture.database)

        let louder = try service.search(SearchRequest(query: "gradually getting louder", mode: .hybrid))
        #expect(louder.results.first?.entry.term == "crescendo")
        #expect(louder.notes.isEmpty)
        let cresc = try service.search(SearchRequest(query: "cresc", mode: .hybrid))
        #expect(cresc.results.first?.entry.normalizedTerm == "crescendo")
        let exactFirst = try service.search(SearchRequest(query: "piano", mode: .hybrid))
        #expect(exactFirst.results.first?.entry.term == "piano")
        let scores = louder.results.map(\.score)
        #expect(scores == scores.sorted(by: >))

        let chinese = try service.search(SearchRequest(query: "渐强", mode: .hybrid))
        #expect(chinese.results.first?.entry.term == "渐强")
        #expect(chinese.notes.contains { $0.contains("CJK") })
        #expect(chinese.results.allSatisfy { $0.semanticRank == nil })

        let fallback = try lexicalOnly.search(SearchRequest(query: "gradually getting louder", mode: .hybrid))
        #expect(fallback.notes.contains { $0.contains("unavailable") })
        #expect(throws: SearchError.semanticUnavailable) { try lexicalOnly.search(SearchRequest(query: "louder", mode: .semantic)) }

        // Filters, sorts and paging hold in hybrid too: every page is a slice of the full fused list.
        for filters in [Self.filterCases[0], Self.filterCases[5]] {
            for sort in [SearchSort.relevance, .popularity] {
                let request = SearchRequest(query: "sonata related", mode: .hybrid, filters: filters, limit: 100, sort: sort)
                let full = try service.search(request)
                let (paged, total) = try Self.allPages(service, request)
                #expect(total == full.total)
                #expect(paged.map(\.entry.id) == full.results.map(\.entry.id))
                #expect(full.results.allSatisfy { FixtureDictionary.passes($0.entry, filters) })
            }
        }
    }

    @Test func brokenEmbedderGivesTypedErrors() throws {
        let fixture = try FixtureDictionary(kind: .memory)
        let backend = BruteForceBackend()
        for output: [Float] in [[1, 2], [Float](repeating: .nan, count: 8)] {
            let service = SearchService(database: fixture.database, semantic: SemanticComponents(embedder: BrokenEmbedder(output: output), backend: backend))
            #expect(throws: SearchError.self) { try service.search(SearchRequest(query: "x", mode: .semantic)) }
        }
    }
}
