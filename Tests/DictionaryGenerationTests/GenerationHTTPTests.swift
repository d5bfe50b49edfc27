import DictMigrations
import DictStore
import DictTesting
import DictionaryCore
import Foundation
import Testing
@testable import DictionaryGeneration
@testable import DictionaryQueues

/// `OpenAICompatibleGenerator` against a real HTTP server on 127.0.0.1.
@Suite struct GenerationHTTPTests {
    @Test func successParsesFencedJSONScoresAndTakesUsage() throws {
        let server = try QueueFixtures.stubServer()
        defer { server.stop() }
        let result = try QueueFixtures.generator(server).generate(term: "Allegro", lang: "fr")
        #expect(result.entry.term == "Allegro")
        #expect(result.entry.type == "tempo")
        #expect(result.entry.pronunciation == "əˈleɪɡroʊ")
        #expect(result.entry.relatedTerms == ["presto", "vivace"])
        #expect(result.entry.qualityScore == 100)
        #expect(result.promptTokens == 100 && result.completionTokens == 200 && result.usageReported)
        let request = try #require(server.requests.first)
        #expect(request.method == "POST" && request.path == "/v1/chat/completions")
        #expect(request.headers["authorization"] == "Bearer test-key")
        let body = try #require(JSONText.decode(request.body) as? [String: Any])
        #expect(body["model"] as? String == "stub-model")
        #expect(request.body.contains("French"))
    }

    @Test func missingUsageFallsBackToACharacterEstimate() throws {
        let server = try StubHTTPServer(defaultResponse: .chatCompletion(content: QueueFixtures.goodReply()))
        defer { server.stop() }
        let result = try QueueFixtures.generator(server).generate(term: "x", lang: "en")
        #expect(!result.usageReported)
        #expect(result.completionTokens == (QueueFixtures.goodReply().count + 3) / 4)
        #expect(result.promptTokens > 0)
    }

    @Test func rateLimitCarriesRetryAfter() throws {
        let server = try QueueFixtures.stubServer()
        defer { server.stop() }
        server.enqueue(.reply(status: 429, body: "{}", headers: ["Retry-After": "42"]))
        #expect(throws: GenerationError.rateLimited(retryAfter: 42)) {
            try QueueFixtures.generator(server).generate(term: "x", lang: "en")
        }
    }

    @Test func serverErrorsAreAPIErrors() throws {
        let server = try QueueFixtures.stubServer()
        defer { server.stop() }
        server.enqueue(.reply(status: 500, body: "upstream exploded"), .reply(status: 401, body: ""))
        #expect(throws: GenerationError.httpStatus(code: 500, body: "upstream exploded")) {
            try QueueFixtures.generator(server).generate(term: "x", lang: "en")
        }
        #expect(throws: GenerationError.httpStatus(code: 401, body: "")) {
            try QueueFixtures.generator(server).generate(term: "x", lang: "en")
        }
    }

    @Test func aHangingServerTimesOut() throws {
        let server = try QueueFixtures.stubServer()
        defer { server.stop() }
        server.enqueue(.hang(seconds: 10))
        let started = Date()
        #expect(throws: GenerationError.timeout(seconds: 0.5)) {
            try QueueFixtures.generator(server, timeout: 0.5).generate(term: "x", lang: "en")
        }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func malformedBodiesAndEntriesAreRejected() throws {
        let server = try QueueFixtures.stubServer()
        defer { server.stop() }
        server.enqueue(
            .reply(status: 200, body: "this is not json"),
            .reply(status: 200, body: #"{"choices": []}"#),
            .chatCompletion(content: "Sorry, I cannot help with that."),
            .chatCompletion(content: #"{"type": "tempo", "concise": "Fast."}"#),
            .chatCompletion(content: #"{"type": "banana", "concise": "Fast.", "detailed": "Quite fast."}"#),
            .chatCompletion(content: #"{"type": "tempo", "concise": }"#),
            .raw("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n{")
        )
        let generator = QueueFixtures.generator(server)
        #expect(throws: GenerationError.malformedResponse("the body is not a JSON object")) { try generator.generate(term: "x", lang: "en") }
        #expect(throws: GenerationError.malformedResponse("no choices[0].message.content")) { try generator.generate(term: "x", lang: "en") }
        #expect(throws: GenerationError.invalidEntry("no JSON object in the reply")) { try generator.generate(term: "x", lang: "en") }
        #expect(throws: GenerationError.invalidEntry("missing definition.detailed")) { try generator.generate(term: "x", lang: "en") }
        #expect(throws: GenerationError.invalidEntry("type \"banana\" is not one of the 12 entry types")) { try generator.generate(term: "x", lang: "en") }
        #expect(throws: GenerationError.invalidEntry("the reply's JSON does not parse")) { try generator.generate(term: "x", lang: "en") }
        #expect(throws: (any Error).self) { try generator.generate(term: "x", lang: "en") }
    }

    @Test func qualityScoreHeuristic() throws {
        let full = try GeneratedEntryParser.parse(QueueFixtures.goodReply(), term: "a")
        #expect(EntryQualityScorer.score(full) == 100)
        let weak = try GeneratedEntryParser.parse(QueueFixtures.weakReply, term: "a")
        #expect(EntryQualityScorer.score(weak) == 50)
        var echo = full
        echo.detailed = echo.concise
        #expect(EntryQualityScorer.score(echo) == 100 - 10 - 20)
    }

    @Test func retryAfterHeaderParsing() {
        #expect(HTTPExchange.retryAfter("120") == 120)
        #expect(HTTPExchange.retryAfter(" ") == nil)
        #expect(HTTPExchange.retryAfter("soon") == nil)
        #expect(HTTPExchange.retryAfter("999999999") == 86_400)
        #expect(HTTPExchange.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == 0)
    }
}
