import DictEmbedding
import DictStore
import DictTesting
import Foundation
import Testing
@testable import DictionaryCore
@testable import DictionarySearch


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
    static func allPages(_ service: SearchService, _ request: SearchRequest) async throws -> ([SearchHit], Int) {
        var hits: [SearchHit] = []
        var request = request
        request.limit = 13
        request.offset = 0
        var total = -1
        while true {
            let response = try await service.search(request)
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
    ) async throws {
        let all = try fixture.allEntries()
        let seqs = try fixture.seqs()
        for filters in filterCases {
            let wanted = all.filter { expected($0, filters) && FixtureDictionary.passes($0, filters) }
            for sort in SearchSort.allCases {
                let request = SearchRequest(query: query, mode: mode, filters: filters, sort: sort)
                let (hits, total) = try await allPages(service, request)
                let context = "mode \(mode) query \(query.debugDescription) filters \(filters) sort \(sort) seed \(fixture.seed)"
                #expect(total == wanted.count, "\(context)")
                #expect(Set(hits.map(\.entry.id)) == Set(wanted.map(\.id)), "\(context)")
                #expect(hits.count == Set(hits.map(\.entry.id)).count, "pages overlap: \(context)")
                if mode != .exact && mode != .prefix {
                    // Facets count the whole matched set whatever the page: here a page of one.
                    var counted = request
                    counted.facets = SearchFacet.allCases
                    counted.limit = 1
                    let facets = try await service.search(counted).facets
                    var expected: [SearchFacet: [String: Int]] = [.lang: [:], .type: [:]]
                    for entry in wanted {
                        expected[.lang]![entry.lang.rawValue, default: 0] += 1
                        expected[.type]![entry.type.rawValue, default: 0] += 1
                    }
                    #expect(facets == expected, "facets: \(context)")
                }
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
    func exactMatchesBruteForce(kind: DatabaseKind) async throws {
        let fixture = try FixtureDictionary(kind: kind)
        let service = SearchService(database: fixture.database)
        for query in ["CRESCENDO", "creme", "Frohlich", "渐强", "rondo 4", "nothing here"] {
            let normalized = TermNormalizer.normalize(query)
            let folded = TermNormalizer.fold(normalized)
            try await Self.check(fixture, service, mode: .exact, query: query) { entry, _ in entry.normalizedTerm == normalized || entry.foldedTerm == folded }
        }
        // Normalized spelling beats an accent-folded one; the requested language comes first.
        let creme = try await service.search(SearchRequest(query: "creme", mode: .exact))
        #expect(creme.results.map(\.entry.term) == ["creme", "crème"])
        let spanish = try await service.search(SearchRequest(query: "crescendo", mode: .exact, preferredLanguage: .es))
        #expect(spanish.results.map(\.entry.lang) == [.es, .en])
        // Suggestions when nothing matches; fallback to other languages on request.
        let missing = try await service.search(SearchRequest(query: "cresc", mode: .exact))
        #expect(missing.total == 0)
        #expect(missing.suggestions.count <= 5 && missing.suggestions.contains("crescendo"))
        // No prefix match: spelling suggestions within a small edit distance.
        #expect(try await service.search(SearchRequest(query: "alegro", mode: .exact)).suggestions == ["allegro"])
        #expect(try await service.search(SearchRequest(query: "Stacatto", mode: .exact)).suggestions == ["staccato"])
        #expect(try await service.search(SearchRequest(query: "xyzzy", mode: .exact)).suggestions.isEmpty)
        let german = SearchRequest(query: "frohlich", mode: .exact, filters: SearchFilters(languages: [.en]))
        #expect(try await service.search(german).total == 0)
        var fallback = german
        fallback.languageFallback = true
        #expect(try await service.search(fallback).results.map(\.entry.term) == ["fröhlich"])
    }

    @Test(arguments: DatabaseKind.allCases)
    func prefixMatchesBruteForce(kind: DatabaseKind) async throws {
        let fixture = try FixtureDictionary(kind: kind)
        let service = SearchService(database: fixture.database)
        for query in ["a", "cre", "S", "fur", "漸", "allegr", "100%", "a_"] {
            let normalized = TermNormalizer.normalize(query)
            let folded = TermNormalizer.fold(normalized)
            try await Self.check(fixture, service, mode: .prefix, query: query) { entry, _ in
                entry.normalizedTerm.unicodeScalars.starts(with: normalized.unicodeScalars) || entry.foldedTerm.unicodeScalars.starts(with: folded.unicodeScalars)
            }
        }
        let allegro = try await service.search(SearchRequest(query: "allegr", mode: .prefix))
        #expect(allegro.results.map(\.entry.term) == ["allegro", "allegretto"], "shorter completions first")
    }

    @Test(arguments: DatabaseKind.allCases)
    func lexicalMatchesBruteForce(kind: DatabaseKind) async throws {
        let fixture = try FixtureDictionary(kind: kind)
        let service = SearchService(database: fixture.database)
        let all = try fixture.allEntries()
        for query in ["sonata", "cresc", "gradually getting", "渐强", "強", "soft", "fugue 3", "détached", "related to canon",
                      "sonatta", "allegor", "so", "gradually getting louder in volume", "a piece for solo piano"] {
            let normalized = TermNormalizer.normalize(query)
            let folded = TermNormalizer.fold(normalized)
            let isCJK = QueryText.cjkFraction(normalized) >= 0.5
            let allTokens = QueryText.tokens(folded)
            let content = allTokens.filter { !StopWords.contains($0) }
            let tokens = content.isEmpty ? allTokens : content
            func documentTokens(_ entry: DictionaryEntry) -> [String] {
                let text = [entry.term, (entry.metadata.synonyms ?? []).joined(separator: " "), entry.definition.concise ?? "", entry.definition.detailed ?? ""].joined(separator: " ")
                return QueryText.tokens(TermNormalizer.fold(TermNormalizer.normalize(text)))
            }
            func matchesToken(_ document: [String], _ index: Int) -> Bool {
                index == tokens.count - 1 && tokens[index].count >= QueryText.minimumPrefixLength
                    ? document.contains { $0.hasPrefix(tokens[index]) } : document.contains(tokens[index])
            }
            func startsWith(_ entry: DictionaryEntry) -> Bool {
                entry.normalizedTerm.unicodeScalars.starts(with: normalized.unicodeScalars)
                    || entry.foldedTerm.unicodeScalars.starts(with: folded.unicodeScalars)
            }
            // The term tiers: prefix (which includes exact), contains for three or more characters in a query of at most
            // three words (or CJK in Chinese entries), a typo of a one- or two-word query when nothing starts with it.
            func containsQuery(_ entry: DictionaryEntry) -> Bool {
                if folded.unicodeScalars.count >= 3 {
                    return (allTokens.count <= LexicalPlan.containsMaxWords || isCJK) && Self.scalarsContain(entry.foldedTerm, folded)
                }
                return isCJK && (entry.lang == .zhCN || entry.lang == .zhTW) && Self.scalarsContain(entry.foldedTerm, folded)
            }
            func isTypo(_ entry: DictionaryEntry) -> Bool {
                let query = Array(folded.unicodeScalars)
                guard (1...2).contains(allTokens.count), query.count >= 4, !isCJK else { return false }
                let tolerance = EditDistance.tolerance(forLength: query.count)
                guard tolerance > 0, EditDistance.distance(query, Array(entry.foldedTerm.unicodeScalars), limit: tolerance) != nil else { return false }
                // Candidates share a trigram with the query (the fixture is far below the shortlist size).
                func trigrams(_ scalars: [Unicode.Scalar]) -> Set<String> {
                    scalars.count < 3 ? [] : Set((0...(scalars.count - 3)).map { String(String.UnicodeScalarView(scalars[$0..<$0 + 3])) })
                }
                return !trigrams(query).isDisjoint(with: trigrams(Array(entry.foldedTerm.unicodeScalars)))
            }
            func termMatches(_ filters: SearchFilters) -> [DictionaryEntry] {
                let passing = all.filter { FixtureDictionary.passes($0, filters) }
                let starts = passing.filter(startsWith)
                return passing.filter { startsWith($0) || containsQuery($0) || (starts.isEmpty && isTypo($0)) }
            }
            var useOrByFilters: [SearchFilters: Bool] = [:]
            try await Self.check(fixture, service, mode: .lexical, query: query) { entry, filters in
                let useOr = useOrByFilters[filters] ?? {
                    let andMatches = all.filter { FixtureDictionary.passes($0, filters) }.contains { candidate in
                        let document = documentTokens(candidate)
                        return tokens.indices.allSatisfy { matchesToken(document, $0) }
                    }
                    let value = tokens.count > 1 && !andMatches && termMatches(filters).isEmpty
                    useOrByFilters[filters] = value
                    return value
                }()
                let document = documentTokens(entry)
                let ftsMatch = useOr ? tokens.indices.contains { matchesToken(document, $0) } : tokens.indices.allSatisfy { matchesToken(document, $0) }
                return ftsMatch || termMatches(filters).contains { $0.id == entry.id }
            }
        }
        let cresc = try await service.search(SearchRequest(query: "cresc", mode: .lexical))
        #expect(cresc.results.first.map { $0.entry.normalizedTerm } == "crescendo")
        #expect(cresc.results.first?.tier == .prefix)
        let chinese = try await service.search(SearchRequest(query: "渐强", mode: .lexical))
        #expect(chinese.results.first?.entry.term == "渐强")
        #expect(chinese.results.first?.tier == .exact)
        // A typo finds its word in the fuzzy tier; nonsense finds nothing.
        let typo = try await service.search(SearchRequest(query: "cresendo", mode: .lexical))
        #expect(typo.results.first?.entry.normalizedTerm == "crescendo")
        #expect(typo.results.first?.tier == .fuzzy)
        #expect(try await service.search(SearchRequest(query: "zzzqqq", mode: .lexical)).results.isEmpty)
        // Browsing with an empty query lists everything that passes the filters.
        let browse = try await service.search(SearchRequest(query: "", mode: .lexical, filters: SearchFilters(languages: [.de])))
        #expect(browse.total == (try fixture.allEntries()).filter { $0.lang == .de }.count)
    }

    @Test(arguments: DatabaseKind.allCases)
    func semanticMatchesBruteForce(kind: DatabaseKind) async throws {
        let fixture = try FixtureDictionary(kind: kind)
        let (components, backend) = try fixture.semanticComponents()
        var configuration = SearchConfiguration()
        configuration.minSimilarity = 0.2
        configuration.minScore = 0
        configuration.excludeChineseFromSemantic = false
        let service = SearchService(database: fixture.database, semantic: components, configuration: configuration)
        let all = try fixture.allEntries()
        let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
        for query in ["gradually getting louder", "sonata related", "soft keyboard instrument"] {
            let vector = try components.embedder.embed([query])[0]
            let similarity = Dictionary(uniqueKeysWithValues: backend.vectors.map { item in
                (item.id, zip(vector, item.vector).reduce(Float(0)) { $0 + $1.0 * $1.1 })
            })
            // Every candidate at or above the cosine floor is ranked (the fixture is smaller than the candidate
            // count), except the query's own words, which a description never gets back.
            let ownWords = Set(QueryText.tokens(TermNormalizer.normalize(query)))
            try await Self.check(fixture, service, mode: .semantic, query: query) { entry, _ in
                similarity[entry.id]! >= 0.2 && !ownWords.contains(entry.normalizedTerm)
            }
            // Relevance order is the ranker's: scores never increase down the list, and each hit's similarity is
            // its vector's cosine.
            var request = SearchRequest(query: query, mode: .semantic, explain: true)
            request.limit = 100
            let hits = try await service.search(request).results
            let scores = hits.compactMap { $0.explanation?.rankerScore }
            #expect(scores.count == hits.count && scores == scores.sorted(by: >), "query \(query)")
            #expect(hits.allSatisfy { byID[$0.entry.id] != nil && $0.similarity == similarity[$0.entry.id] })
        }
        let louder = try await service.search(SearchRequest(query: "gradually getting louder", mode: .semantic, limit: 1))
        #expect(louder.results.first?.entry.term == "crescendo")
    }

    @Test func chineseEntriesLeaveTheSemanticLegOfNonChineseQueriesUnlessRequested() async throws {
        let fixture = try FixtureDictionary(kind: .memory)
        let (components, _) = try fixture.semanticComponents()
        var configuration = SearchConfiguration()
        configuration.minSimilarity = 0.1
        let service = SearchService(database: fixture.database, semantic: components, configuration: configuration)
        // The Chinese fixture definitions contain the word "crescendo", so the test embedder would match them.
        let chinese: Set<Language> = [.zhCN, .zhTW]
        let plain = try await service.search(SearchRequest(query: "crescendo", mode: .semantic, limit: 100))
        #expect(!plain.results.isEmpty && plain.results.allSatisfy { !chinese.contains($0.entry.lang) })
        let requested = try await service.search(SearchRequest(query: "crescendo", mode: .semantic, filters: SearchFilters(languages: [.zhCN, .zhTW]), limit: 100))
        #expect(Set(requested.results.map(\.entry.term)) == ["渐强", "漸強"])
        configuration.excludeChineseFromSemantic = false
        let unfiltered = try await SearchService(database: fixture.database, semantic: components, configuration: configuration)
            .search(SearchRequest(query: "crescendo", mode: .semantic, limit: 100))
        #expect(unfiltered.results.contains { chinese.contains($0.entry.lang) })
    }

    @Test(arguments: DatabaseKind.allCases)
    func hybridFusesBothLegsAndLetsLexicalCarryChinese(kind: DatabaseKind) async throws {
        let fixture = try FixtureDictionary(kind: kind)
        let (components, _) = try fixture.semanticComponents()
        var configuration = SearchConfiguration()
        configuration.minSimilarity = 0.2
        let service = SearchService(database: fixture.database, semantic: components, configuration: configuration)
        let lexicalOnly = SearchService(database: fixture.database)

        let louder = try await service.search(SearchRequest(query: "gradually getting louder", mode: .hybrid))
        #expect(louder.results.first?.entry.term == "crescendo")
        #expect(louder.notes.isEmpty)
        let cresc = try await service.search(SearchRequest(query: "cresc", mode: .hybrid))
        #expect(cresc.results.first?.entry.normalizedTerm == "crescendo")
        let exactFirst = try await service.search(SearchRequest(query: "piano", mode: .hybrid))
        #expect(exactFirst.results.first?.entry.term == "piano")
        let scores = louder.results.map(\.score)
        #expect(scores == scores.sorted(by: >))

        let chinese = try await service.search(SearchRequest(query: "渐强", mode: .hybrid))
        #expect(chinese.results.first?.entry.term == "渐强")
        #expect(chinese.notes.contains { $0.contains("CJK") })
        #expect(chinese.results.allSatisfy { $0.semanticRank == nil })

        let fallback = try await lexicalOnly.search(SearchRequest(query: "gradually getting louder", mode: .hybrid))
        #expect(fallback.notes.contains { $0.contains("unavailable") })
        await #expect(throws: SearchError.semanticUnavailable) { try await lexicalOnly.search(SearchRequest(query: "louder", mode: .semantic)) }

        // Filters, sorts and paging hold in hybrid too: every page is a slice of the full fused list.
        for filters in [Self.filterCases[0], Self.filterCases[5]] {
            for sort in [SearchSort.relevance, .popularity] {
                let request = SearchRequest(query: "sonata related", mode: .hybrid, filters: filters, limit: 100, sort: sort)
                let full = try await service.search(request)
                let (paged, total) = try await Self.allPages(service, request)
                #expect(total == full.total)
                #expect(paged.map(\.entry.id) == full.results.map(\.entry.id))
                #expect(full.results.allSatisfy { FixtureDictionary.passes($0.entry, filters) })
            }
        }
    }

    @Test func brokenEmbedderGivesTypedErrors() async throws {
        let fixture = try FixtureDictionary(kind: .memory)
        let backend = BruteForceBackend()
        for output: [Float] in [[1, 2], [Float](repeating: .nan, count: 8)] {
            let service = SearchService(database: fixture.database, semantic: SemanticComponents(embedder: BrokenEmbedder(output: output), backend: backend))
            await #expect(throws: SearchError.self) { try await service.search(SearchRequest(query: "gradually louder", mode: .semantic)) }
        }
    }

    @Test func queriesWithoutKnownWordsSkipTheSemanticLeg() async throws {
        let fixture = try FixtureDictionary(kind: .memory)
        let (components, _) = try fixture.semanticComponents()
        let service = SearchService(database: fixture.database, semantic: components)
        for mode in [SearchMode.semantic, .hybrid] {
            let nonsense = try await service.search(SearchRequest(query: "zzzqqq blorptang", mode: mode))
            #expect(nonsense.results.isEmpty, "\(mode)")
            #expect(nonsense.notes.contains { $0.contains("0 of the query's 2 words") }, "\(mode)")
            let real = try await service.search(SearchRequest(query: "gradually getting louder", mode: mode))
            #expect(!real.results.isEmpty && real.notes.isEmpty, "\(mode)")
        }
    }

    @Test("A preferred language puts its hits first in relevance order, pages over that order, and is a no-op under a filter to that language alone")
    func preferredLanguagePages() async throws {
        let fixture = try FixtureDictionary(kind: .memory)
        let (components, _) = try fixture.semanticComponents()
        var configuration = SearchConfiguration()
        configuration.minSimilarity = 0.05
        configuration.minScore = 0
        configuration.excludeChineseFromSemantic = false
        let service = SearchService(database: fixture.database, semantic: components, configuration: configuration)
        let languageOf = Dictionary(uniqueKeysWithValues: try fixture.allEntries().map { ($0.id, $0.lang) })
        for mode in [SearchMode.semantic, .hybrid] {
            let query = "sonata related to gradually getting louder"
            let plain = try await service.search(SearchRequest(query: query, mode: mode, limit: 100))
            let preferred = try await service.search(SearchRequest(query: query, mode: mode, limit: 100, preferredLanguage: .de))
            // Stable partition of the same hits: German first, each group in relevance order.
            let ids = plain.results.map(\.entry.id)
            let expected = ids.filter { languageOf[$0] == .de } + ids.filter { languageOf[$0] != .de }
            #expect(ids.contains { languageOf[$0] == .de } && ids.contains { languageOf[$0] != .de })
            #expect(preferred.results.map(\.entry.id) == expected)
            // Offset and limit page over the preferred order.
            let second = try await service.search(SearchRequest(query: query, mode: mode, limit: 3, offset: 2, preferredLanguage: .de))
            #expect(second.results.map(\.entry.id) == Array(expected.dropFirst(2).prefix(3)))
            // Filtered to the preferred language alone: the same page as without the preference.
            let onlyGerman = SearchFilters(languages: [.de])
            let filtered = try await service.search(SearchRequest(query: query, mode: mode, filters: onlyGerman, limit: 100))
            let filteredPreferred = try await service.search(SearchRequest(query: query, mode: mode, filters: onlyGerman, limit: 100, preferredLanguage: .de))
            #expect(filteredPreferred.results.map(\.entry.id) == filtered.results.map(\.entry.id))
        }
    }
}
