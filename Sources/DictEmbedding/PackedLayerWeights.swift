/// One transformer layer's four weight matrices packed for `dict_gemm_packed`; the vectors (biases, LayerNorm)
/// stay in `BertLayerWeights`.
package struct PackedLayerWeights: Sendable {
    /// Query, key and value stacked: `3·hidden` outputs.
    package let queryKeyValue: PackedMatrix
    /// Attention output projection.
    package let attentionOutput: PackedMatrix
    /// Feed-forward expansion.
    package let intermediate: PackedMatrix
    /// Feed-forward contraction.
    package let output: PackedMatrix

    /// Packs `layer`'s matrices (about 7 MB of floats for a MiniLM layer, a few milliseconds).
    package init(_ layer: BertLayerWeights) {
        queryKeyValue = PackedMatrix(stacking: [layer.query, layer.key, layer.value])
        attentionOutput = PackedMatrix(stacking: [layer.attentionOutput])
        intermediate = PackedMatrix(stacking: [layer.intermediate])
        output = PackedMatrix(stacking: [layer.output])
    }
}
