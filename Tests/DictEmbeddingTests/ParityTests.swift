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
            let ids = try TestModel.embedder().tokenIDs(of: reference.text)
            #expect(ids == reference.input_ids, "text \(reference.text.debugDescription)")
        }
    }

    @Test func vectorsMatchReferenceWithinCosine() throws {
        let cases = try Fixtures.referenceCases()
        let vectors = try TestModel.embedder().embed(cases.map(\.text))
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

    /// The portable kernels (CPUs without AVX2) meet the same bar; a few cases, as they run slowly in debug builds.
    @Test func portableKernelsMatchReferenceWithinCosine() throws {
        let cases = Array(try Fixtures.referenceCases().prefix(4))
        let embedder = try MiniLMEmbedder(modelDirectory: TestModel.directory, kernels: .portable)
        for (reference, vector) in zip(cases, try embedder.embed(cases.map(\.text))) {
            let cosine = zip(reference.embedding, vector).reduce(0) { $0 + $1.0 * $1.1 }
                / (reference.embedding.reduce(0) { $0 + $1 * $1 }.squareRoot() * vector.reduce(0) { $0 + $1 * $1 }.squareRoot())
            #expect(cosine >= 0.9999, "text \(reference.text.debugDescription): cosine \(cosine)")
        }
    }
}

/// Batching, truncation and concurrency on the real model.
@Suite(.enabled(if: TestModel.isInstalled, TestModel.skipReason))
struct RealModelBatchingTests {
    @Test func mixedLengthBatchEqualsOneByOne() throws {
        let texts = ["Allegro ma non troppo", "", "The slow movement in a minor key, marked Adagio sostenuto, sings.",
                     "渐强", String(repeating: "music ", count: 300)]
        let together = try TestModel.embedder().embed(texts)
        for (index, text) in texts.enumerated() {
            #expect(try TestModel.embedder().embed([text])[0] == together[index], "text \(index) differs when batched")
        }
        #expect(try TestModel.embedder().tokenCount(of: texts[4]) == 256)
    }

    /// Concurrent callers get the same vectors, bit for bit (each call has its own scratch; the kernels are
    /// single-threaded and do not depend on the batch).
    @Test func concurrentCallsGiveTheSameVectors() async throws {
        let texts = ["Andante cantabile", "crème brûlée", "Hello, world!!!", "Saudade e coração"]
        let expected = try TestModel.embedder().embed(texts)
        try await withThrowingTaskGroup(of: [[Float]].self) { group in
            for _ in 0..<4 { group.addTask { try TestModel.embedder().embed(texts) } }
            for try await result in group {
                #expect(result.count == expected.count)
                #expect(result == expected)
            }
        }
    }
}
