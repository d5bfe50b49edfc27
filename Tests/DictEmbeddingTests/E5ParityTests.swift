import DictEmbedding
import Foundation
import Testing

/// Parity with the engine that ships with the model file (Fixtures/e5_cases.jsonl): every case's token count
/// exact, every vector within cosine 0.99 (that engine quantizes activations to 8 bits, so bit equality is not
/// expected).
@Suite(.enabled(if: E5TestModel.isInstalled, E5TestModel.skipReason))
struct E5ParityTests {
    private static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
            / (a.reduce(0) { $0 + $1 * $1 }.squareRoot() * b.reduce(0) { $0 + $1 * $1 }.squareRoot())
    }

    @Test func tokenCountsMatchReference() throws {
        let cases = try Fixtures.e5ReferenceCases()
        #expect(cases.count == 26)
        let embedder = try E5TestModel.embedder()
        for reference in cases {
            let count = embedder.tokenCount(of: reference.text, role: reference.is_query ? .query : .passage)
            #expect(count == reference.token_count, "\(reference.id) \(reference.text.debugDescription)")
        }
    }

    /// The engine's counts for texts chosen to break a tokenizer (its vectors for them agreed within cosine 0.9996
    /// when the fixture was made; only counts are kept, as encoding 148 texts is slow in debug builds).
    @Test func tokenCountsMatchEngineOnHostileTexts() throws {
        let cases = try Fixtures.e5TokenCountCases()
        #expect(cases.count == 148)
        let embedder = try E5TestModel.embedder()
        for reference in cases {
            let count = embedder.tokenCount(of: reference.text, role: reference.is_query ? .query : .passage)
            #expect(count == reference.token_count, "\(reference.text.debugDescription) (query: \(reference.is_query))")
        }
    }

    @Test func vectorsMatchReferenceWithinCosine() throws {
        let cases = try Fixtures.e5ReferenceCases()
        let embedder = try E5TestModel.embedder()
        var minimum: Float = 1
        for role in E5TextRole.allCases {
            let selected = cases.filter { ($0.is_query ? E5TextRole.query : .passage) == role }
            let vectors = try embedder.embed(selected.map(\.text), role: role)
            for (reference, vector) in zip(selected, vectors) {
                #expect(vector.count == 384)
                let cosine = Self.cosine(reference.embedding, vector)
                minimum = min(minimum, cosine)
                #expect(cosine >= 0.99, "\(reference.id) \(reference.text.debugDescription): cosine \(cosine)")
            }
        }
        print("e5 parity: minimum cosine over \(cases.count) cases = \(minimum)")
    }

    /// The portable kernels (CPUs without AVX2) meet the same bar; a few cases, as they run slowly in debug builds.
    @Test func portableKernelsMatchReferenceWithinCosine() throws {
        let cases = Array(try Fixtures.e5ReferenceCases().prefix(3))
        let embedder = try MultilingualE5Embedder(modelFile: E5TestModel.file, kernels: .portable)
        for reference in cases {
            let vector = try embedder.embed([reference.text], role: reference.is_query ? .query : .passage)[0]
            let cosine = Self.cosine(reference.embedding, vector)
            #expect(cosine >= 0.99, "\(reference.id): cosine \(cosine)")
        }
    }

    /// Over-long texts keep their head: exactly 512 tokens, and the same vector as the text cut to that length.
    @Test func longTextsAreTruncatedTo512Tokens() throws {
        let embedder = try E5TestModel.embedder()
        let long = String(repeating: "crescendo diminuendo ", count: 400)
        let ids = embedder.tokenIDs(of: long, role: .passage)
        #expect(ids.count == 512)
        #expect(ids.first == 0 && ids.last == 2)
        #expect(try embedder.embed([long], role: .passage)[0].allSatisfy(\.isFinite))
    }
}
