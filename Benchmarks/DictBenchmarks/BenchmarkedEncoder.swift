import DictEmbedding

/// What `EmbedBenchmark` needs of a local model: its tokens, the FLOPs of one sequence, the same weights with another
/// number of batch workers, and embedding.
package protocol BenchmarkedEncoder {
    func tokenIDs(of text: String) -> [Int32]
    func flops(sequenceLength length: Int) -> Double
    func withWorkers(_ workers: Int) -> Self
    func embedFlat(_ texts: [String]) throws -> [Float]
}

extension MiniLMEmbedder: BenchmarkedEncoder {}
