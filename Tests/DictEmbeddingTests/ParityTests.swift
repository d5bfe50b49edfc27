import DictEmbedding
import Foundation
import Testing

/// Parity with an independent implementation of the sentence-transformers pipeline (Fixtures/cases.jsonl):
/// every token id exact, every vector within cosine 0.9999.
@Suite(.enabled(if: TestModel.isInstalled, TestModel.skipReason))
struct ParityTests {
    @Test func tokenIDsMatchReferenceExactly() throws {
        let cases = try Fixtures.referenceCases()
        #expect(cases.count == 30)
        for reference in cases {
            let ids = TestModel.embedder.tokenIDs(of: reference.text)
            #expect(ids == reference.input_ids, "text \(reference.text.debugDescription)")
        }
    }

    @Test func vectorsMatchReferenceWithinCosine() throws {
        let cases = try Fixtures.referenceCases()
        let vectors = try TestModel.embedder.embed(cases.map(\.text))
        var minimum: Float = 1
        for (reference, vector) in zip(cases, vectors) {
            #expect(vector.count == 384)
            let cosine = zip(reference.embedding, vector).reduce(0) { $0 + $1.0 * $1.1 }
                / (reference.embedding.reduce(0) { $0 + $1 * $1 }.squareRoot() * vector.reduce(0) { $0 + $1 * $1 }.squareRoot())
            minimum = min(minimum, cosine)
            #expect(cosine >= 0.9999, "text \(reference.text.debugDescription): cosine \(cosine)")
        }
        print("parity: minimum cosine over \(cases.count) cases = \(minimum)")
    }
}
