import DictTesting
import Testing
@testable import DictionaryCore
@testable import DictionarySearch


@Suite struct HostileInputTests {
    static let queries: [String] = [
        "AND", "OR", "NOT", "NEAR", "a AND b", "x OR y NOT z", "NEAR(a b, 3)", "*", "cresc*", "\"", "\"\"", "'",
        "\"unterminated", "(", ")", "((a)", "^start", "term:value", "col : x", "-", "--", "- NOT -", "%", "_", "%_%",
        "100%", "a_b", "\\", "\\%", "'; DROP TABLE dictionary_entries; --", "{", "}", "[", "]", "\u{0}", "\u{200B}",
        "渐强 OR 强", "crème\"", "ὀδός*", String(repeating: "ab ", count: 160), "", "   ",
    ]

    @Test(arguments: DatabaseKind.allCases)
    func everyModeReturnsResultsOrATypedError(kind: DatabaseKind) async throws {
        let fixture = try FixtureDictionary(kind: kind)
        let (components, _) = try fixture.semanticComponents()
        let service = SearchService(database: fixture.database, semantic: components)
        let before = try fixture.repository.count()
        for query in Self.queries {
            for mode in SearchMode.allCases {
                do {
                    let response = try await service.search(SearchRequest(query: query, mode: mode))
                    #expect(response.results.count <= 20)
                    #expect(response.total >= response.results.count)
                } catch let error as SearchError {
                    // Typed rejections are fine; only these are expected here.
                    switch error {
                    case .emptyQuery: #expect(TermNormalizer.normalize(query).isEmpty, "\(mode) \(query.debugDescription)")
                    default: Issue.record("unexpected \(error) for \(mode) \(query.debugDescription)")
                    }
                } catch {
                    Issue.record("untyped error \(error) for \(mode) \(query.debugDescription)")
                }
            }
        }
        #expect(try fixture.repository.count() == before)
        // Wildcards are literal: only the entry that really contains "%" / "_" matches (substring matching needs
        // three characters; a shorter query matches term starts only).
        #expect(try await service.search(SearchRequest(query: "0% l", mode: .lexical)).results.map(\.entry.term) == ["100% legato"])
        #expect(try await service.search(SearchRequest(query: "%", mode: .lexical)).results.isEmpty)
        let underscore = try await service.search(SearchRequest(query: "a_", mode: .lexical)).results
        #expect(underscore.first?.entry.term == "a_b" && underscore.first?.tier == .prefix)
        #expect(try await service.search(SearchRequest(query: "a_", mode: .prefix)).results.map(\.entry.term) == ["a_b"])
    }

    @Test func invalidParametersAreTypedErrors() async throws {
        let fixture = try FixtureDictionary(kind: .memory)
        let service = SearchService(database: fixture.database)
        let huge = String(repeating: "x", count: 10_240)
        for mode in SearchMode.allCases {
            await #expect(throws: SearchError.queryTooLong(maximum: 500, found: 10_240)) { try await service.search(SearchRequest(query: huge, mode: mode)) }
            await #expect(throws: SearchError.invalidLimit(expected: 1...100, found: 0)) { try await service.search(SearchRequest(query: "a", mode: mode, limit: 0)) }
            await #expect(throws: SearchError.invalidLimit(expected: 1...100, found: 101)) { try await service.search(SearchRequest(query: "a", mode: mode, limit: 101)) }
            await #expect(throws: SearchError.invalidOffset(expected: 0...10_000, found: -1)) { try await service.search(SearchRequest(query: "a", mode: mode, offset: -1)) }
            await #expect(throws: SearchError.invalidQuality(field: "min_quality", found: 101)) {
                try await service.search(SearchRequest(query: "a", mode: mode, filters: SearchFilters(minQuality: 101)))
            }
            await #expect(throws: SearchError.invalidQualityRange(min: 80, max: 20)) {
                try await service.search(SearchRequest(query: "a", mode: mode, filters: SearchFilters(minQuality: 80, maxQuality: 20)))
            }
        }
        #expect(throws: SearchError.invalidLanguage(found: "xx")) { try SearchFilters.languages(from: ["en", "xx"]) }
        #expect(throws: SearchError.invalidType(found: "banana")) { try SearchFilters.types(from: ["tempo,banana"]) }
        #expect(try SearchFilters.languages(from: ["zh-cn,ZH_TW", "en"]) == [.zhCN, .zhTW, .en])
        await #expect(throws: SearchError.emptyQuery(mode: .exact)) { try await service.search(SearchRequest(query: " \u{200B} ", mode: .exact)) }
    }
}
