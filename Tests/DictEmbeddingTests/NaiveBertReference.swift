import Foundation

/// A deliberately plain BERT forward pass for tests: padded batch, explicit attention mask with -inf on padding,
/// triple loops in Double, no BLAS. What `BertEncoder` must agree with.
struct NaiveBertReference {
    let model: TinyModel

    func encode(_ batch: [[Int32]]) -> [[Float]] {
        let h = TinyModel.hidden, heads = TinyModel.heads, d = h / heads
        let longest = batch.map(\.count).max() ?? 0
        return batch.map { sequence -> [Float] in
            // Pad every sequence to the longest with id 0 and mask the padding, as a padded implementation would.
            let padded = sequence + Array(repeating: 0, count: longest - sequence.count)
            let mask = (0..<longest).map { $0 < sequence.count }
            var x: [[Double]] = padded.enumerated().map { position, id in
                (0..<h).map { c in
                    Double(model.tensor("embeddings.word_embeddings.weight")[Int(id) * h + c])
                        + Double(model.tensor("embeddings.position_embeddings.weight")[position * h + c])
                        + Double(model.tensor("embeddings.token_type_embeddings.weight")[c])
                }
            }
            x = x.map { layerNorm($0, "embeddings.LayerNorm") }
            for layer in 0..<TinyModel.layers {
                let p = "encoder.layer.\(layer)."
                let q = x.map { linear($0, p + "attention.self.query") }
                let k = x.map { linear($0, p + "attention.self.key") }
                let v = x.map { linear($0, p + "attention.self.value") }
                var context = Array(repeating: Array(repeating: 0.0, count: h), count: longest)
                for head in 0..<heads {
                    for i in 0..<longest {
                        var scores = (0..<longest).map { j -> Double in
                            guard mask[j] else { return -Double.infinity }
                            return (0..<d).reduce(0) { $0 + q[i][head * d + $1] * k[j][head * d + $1] } / Double(d).squareRoot()
                        }
                        let top = scores.max()!
                        scores = scores.map { exp($0 - top) }
                        let total = scores.reduce(0, +)
                        for j in 0..<longest where mask[j] {
                            for c in 0..<d { context[i][head * d + c] += scores[j] / total * v[j][head * d + c] }
                        }
                    }
                }
                let attended = (0..<longest).map { i in
                    zip(linear(context[i], p + "attention.output.dense"), x[i]).map { $0 + $1 }
                }
                x = attended.map { layerNorm($0, p + "attention.output.LayerNorm") }
                x = x.map { row in
                    let inner = linear(row, p + "intermediate.dense").map { $0 * 0.5 * (1 + erf($0 / 2.0.squareRoot())) }
                    return layerNorm(zip(linear(inner, p + "output.dense"), row).map { $0 + $1 }, p + "output.LayerNorm")
                }
            }
            var mean = Array(repeating: 0.0, count: h)
            for i in 0..<longest where mask[i] { for c in 0..<h { mean[c] += x[i][c] / Double(sequence.count) } }
            let norm = mean.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return mean.map { Float($0 / norm) }
        }
    }

    private func linear(_ input: [Double], _ name: String) -> [Double] {
        let weight = model.tensor(name + ".weight"), bias = model.tensor(name + ".bias")
        let outputs = bias.count, inputs = input.count
        return (0..<outputs).map { o in
            (0..<inputs).reduce(Double(bias[o])) { $0 + Double(weight[o * inputs + $1]) * input[$1] }
        }
    }

    private func layerNorm(_ row: [Double], _ name: String) -> [Double] {
        let scale = model.tensor(name + ".weight"), shift = model.tensor(name + ".bias")
        let mean = row.reduce(0, +) / Double(row.count)
        let variance = row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(row.count)
        return row.enumerated().map { c, value in (value - mean) / (variance + 1e-12).squareRoot() * Double(scale[c]) + Double(shift[c]) }
    }
}
