import DictEmbedding

/// multilingual-e5-small embedding search queries (`query: ` prefix), as the benchmark sees a model.
public struct E5QueryEncoder: BenchmarkedEncoder {
    public let model: MultilingualE5Embedder

    public init(model: MultilingualE5Embedder) { self.model = model }

    public func tokenIDs(of text: String) -> [Int32] { model.tokenIDs(of: text, role: .query) }
    public func flops(sequenceLength length: Int) -> Double { model.flops(sequenceLength: length) }
    public func withWorkers(_ workers: Int) -> E5QueryEncoder { E5QueryEncoder(model: model.withWorkers(workers)) }
    public func embedFlat(_ texts: [String]) throws -> [Float] { try model.embedFlat(texts, role: .query) }
}
