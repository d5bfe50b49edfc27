package import DictEmbedding

/// multilingual-e5-small embedding search queries (`query: ` prefix), as the benchmark sees a model.
package struct E5QueryEncoder: BenchmarkedEncoder {
    package let model: MultilingualE5Embedder

    package init(model: MultilingualE5Embedder) { self.model = model }

    package func tokenIDs(of text: String) -> [Int32] { model.tokenIDs(of: text, role: .query) }
    package func flops(sequenceLength length: Int) -> Double { model.flops(sequenceLength: length) }
    package func withWorkers(_ workers: Int) -> E5QueryEncoder { E5QueryEncoder(model: model.withWorkers(workers)) }
    package func embedFlat(_ texts: [String]) throws -> [Float] { try model.embedFlat(texts, role: .query) }
}
