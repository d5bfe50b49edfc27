import CEncoderKernels

/// Working memory of one encoder pass, grown on demand and reused across calls, so the forward pass allocates
/// nothing per token or per layer. Not thread-safe: each concurrent caller needs its own (see `MiniLMEmbedder`).
package final class EncoderScratch {
    /// Two `tokens × hidden` buffers that alternate as layer input and output.
    private(set) var hidden = Buffer(), alternate = Buffer()
    /// `tokens × 3·hidden` query/key/value projections.
    private(set) var queryKeyValue = Buffer()
    /// `tokens × hidden` attention context.
    private(set) var context = Buffer()
    /// `tokens × intermediate` feed-forward activations.
    private(set) var intermediate = Buffer()
    /// One sequence's packed keys and values and one head's scores.
    private(set) var attentionWorkspace = Buffer()

    /// Empty scratch; buffers grow on first use.
    package init() {}

    /// Makes every buffer large enough for `tokens` packed tokens whose longest sequence has `longest` tokens.
    func reserve(tokens: Int, longest: Int, configuration: BertConfiguration) {
        hidden.reserve(tokens * configuration.hiddenSize)
        alternate.reserve(tokens * configuration.hiddenSize)
        queryKeyValue.reserve(tokens * 3 * configuration.hiddenSize)
        context.reserve(tokens * configuration.hiddenSize)
        intermediate.reserve(tokens * configuration.intermediateSize)
        attentionWorkspace.reserve(dict_attention_workspace_float_count(Int32(longest), Int32(configuration.headSize)))
    }

    /// A growable raw float buffer, 64-byte aligned for the AVX2 kernels; contents are not preserved when it grows.
    final class Buffer {
        private(set) var pointer = Buffer.allocate(1)
        private(set) var capacity = 1

        func reserve(_ count: Int) {
            guard count > capacity else { return }
            pointer.deallocate()
            capacity = max(count, capacity * 3 / 2)
            pointer = Buffer.allocate(capacity)
        }

        private static func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
            UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.stride, alignment: 64)
                .bindMemory(to: Float.self, capacity: count)
        }

        deinit { pointer.deallocate() }
    }
}
