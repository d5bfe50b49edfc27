import CEncoderKernels
@testable import DictEmbedding
import DictTesting
import Foundation
import Testing

/// The C kernels against plain Double references, for every kernel set this CPU runs (AVX2 and portable on x86-64).
struct EncoderKernelTests {
    static let sets = EncoderKernelSet.allCases.filter(\.isSupported)
    private static let seed: UInt64 = 0x5EED_0013

    private static func randomValues(_ count: Int, _ generator: inout SeededGenerator) -> [Float] {
        (0..<count).map { _ in Float.random(in: -1...1, using: &generator) }
    }

    /// `c = start + a·wᵀ` (or `bias + a·wᵀ`) through packing and `dict_gemm_packed`, with row strides wider than the
    /// matrices; `following` (values, n, k), when given, is packed and named as the matrix multiplied next.
    private static func product(_ kernels: EncoderKernelSet, a: [Float], lda: Int, w: [Float], m: Int, n: Int, k: Int,
                                start: [Float], ldc: Int, accumulate: Bool, bias: [Float]? = nil,
                                following: ([Float], n: Int, k: Int)? = nil) -> [Float] {
        var packed = [Float](repeating: .nan, count: dict_packed_float_count(Int32(n), Int32(k)))
        var c = start
        dict_pack_nk(w, Int32(n), Int32(k), Int32(k), &packed)
        guard let following else {
            dict_gemm_packed(kernels.c, Int32(m), Int32(n), Int32(k), a, Int32(lda), packed, &c, Int32(ldc), accumulate, bias,
                             nil, 0, 0)
            return c
        }
        var next = [Float](repeating: .nan, count: dict_packed_float_count(Int32(following.n), Int32(following.k)))
        dict_pack_nk(following.0, Int32(following.n), Int32(following.k), Int32(following.k), &next)
        dict_gemm_packed(kernels.c, Int32(m), Int32(n), Int32(k), a, Int32(lda), packed, &c, Int32(ldc), accumulate, bias, next,
                         Int32(following.n), Int32(following.k))
        return c
    }

    /// Shapes covering one row and one column, partial panels (n not a multiple of 16), row blocks of every
    /// size, several 192-row blocks and depths over 384 (summed in several passes); accumulating onto c, storing,
    /// and storing onto a bias row.
    @Test(arguments: sets) func packedProductMatchesReference(_ kernels: EncoderKernelSet) {
        print("EncoderKernelTests seed: \(Self.seed)")
        var generator = SeededGenerator(seed: Self.seed)
        for (m, n, k) in [(1, 1, 1), (5, 17, 33), (13, 48, 384), (7, 8, 4), (200, 40, 800), (400, 24, 20), (3, 5, 0)] {
            let lda = k + 3, ldc = n + 2
            let a = Self.randomValues(m * lda, &generator), w = Self.randomValues(n * k, &generator)
            let start = (0..<(m * ldc)).map { $0 % ldc < n ? Float(1) : 7 }
            let bias = Self.randomValues(n, &generator)
            for (accumulate, withBias) in [(true, false), (false, false), (false, true)] {
                let c = Self.product(kernels, a: a, lda: lda, w: w, m: m, n: n, k: k, start: start, ldc: ldc, accumulate: accumulate,
                                     bias: withBias ? bias : nil)
                var worst = 0.0
                for row in 0..<m {
                    for column in 0..<n {
                        var sum = accumulate ? 1.0 : withBias ? Double(bias[column]) : 0.0
                        for depth in 0..<k { sum += Double(a[row * lda + depth]) * Double(w[column * k + depth]) }
                        worst = max(worst, abs(sum - Double(c[row * ldc + column])))
                    }
                    // Columns past n belong to the caller.
                    #expect((n..<ldc).allSatisfy { c[row * ldc + $0] == 7 }, "\(m)×\(n)×\(k) row \(row): padding written")
                }
                #expect(worst < 1e-5 * Double(max(k, 1)).squareRoot(),
                        "\(kernels) \(m)×\(n)×\(k) accumulate \(accumulate) bias \(withBias): max error \(worst)")
            }
        }
    }

    /// A row's result is the same bit for bit whatever rows are multiplied with it: what lets a sentence's vector
    /// not depend on its batch.
    @Test(arguments: sets) func rowResultsDoNotDependOnTheOtherRows(_ kernels: EncoderKernelSet) {
        var generator = SeededGenerator(seed: Self.seed + 1)
        let m = 29, n = 40, k = 400
        let a = Self.randomValues(m * k, &generator), w = Self.randomValues(n * k, &generator)
        let together = Self.product(kernels, a: a, lda: k, w: w, m: m, n: n, k: k, start: .init(repeating: 0, count: m * n), ldc: n,
                                    accumulate: false)
        for row in [0, 5, 13, 28] {
            let alone = Self.product(kernels, a: Array(a[row * k..<(row + 1) * k]), lda: k, w: w, m: 1, n: n, k: k,
                                     start: .init(repeating: 0, count: n), ldc: n, accumulate: false)
            #expect(alone == Array(together[row * n..<(row + 1) * n]), "\(kernels) row \(row)")
        }
    }

    /// Naming the next matrix only prefetches it: results are the same bit for bit, for products with few enough rows
    /// to stream (where the prefetch is issued) and more, one panel or many, one depth pass or several, and
    /// following matrices of one panel or many.
    @Test(arguments: sets) func prefetchingTheFollowingMatrixChangesNoResult(_ kernels: EncoderKernelSet) {
        var generator = SeededGenerator(seed: Self.seed + 4)
        for (m, n, k) in [(1, 8, 800), (13, 40, 384), (5, 48, 800), (24, 17, 33), (30, 40, 384)] {
            let a = Self.randomValues(m * k, &generator), w = Self.randomValues(n * k, &generator)
            let start = [Float](repeating: 0, count: m * n)
            let alone = Self.product(kernels, a: a, lda: k, w: w, m: m, n: n, k: k, start: start, ldc: n, accumulate: false)
            for (nextN, nextK) in [(8, 20), (64, 1536)] {
                let next = Self.randomValues(nextN * nextK, &generator)
                let withNext = Self.product(kernels, a: a, lda: k, w: w, m: m, n: n, k: k, start: start, ldc: n, accumulate: false,
                                            following: (next, n: nextN, k: nextK))
                #expect(withNext == alone, "\(kernels) \(m)×\(n)×\(k) followed by \(nextN)×\(nextK)")
            }
        }
    }

    @Test(arguments: sets) func geluMatchesExactErfGelu(_ kernels: EncoderKernelSet) {
        let inputs = (-10_000...10_000).map { Float($0) * 1e-3 } + [-30, 30, 0]
        var values = inputs
        dict_gelu(kernels.c, &values, values.count)
        var worst = 0.0
        for (x, got) in zip(inputs, values) {
            let want = Double(x) * 0.5 * (1 + Foundation.erf(Double(x) / 2.0.squareRoot()))
            worst = max(worst, abs(Double(got) - want) / max(1, abs(Double(x))))
        }
        #expect(worst < 1e-6, "\(kernels): max error \(worst) (relative above |x| = 1)")
        // The odd-sized tail goes through the same arithmetic as the vector body.
        var tail = Array(inputs.suffix(5))
        dict_gelu(kernels.c, &tail, tail.count)
        #expect(tail == Array(values.suffix(5)))
    }

    @Test(arguments: sets) func layerNormMatchesReference(_ kernels: EncoderKernelSet) {
        var generator = SeededGenerator(seed: Self.seed + 2)
        for width in [8, 13, 384] {
            let rows = 3
            let input = Self.randomValues(rows * width, &generator).map { $0 * 5 + 2 }
            let scale = Self.randomValues(width, &generator), shift = Self.randomValues(width, &generator)
            var output = input
            dict_layer_norm(kernels.c, &output, Int32(rows), Int32(width), scale, shift, 1e-12)
            for row in 0..<rows {
                let values = input[row * width..<(row + 1) * width].map(Double.init)
                let mean = values.reduce(0, +) / Double(width)
                let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(width)
                for column in 0..<width {
                    let want = (values[column] - mean) / (variance + 1e-12).squareRoot() * Double(scale[column]) + Double(shift[column])
                    #expect(abs(Double(output[row * width + column]) - want) < 1e-5, "\(kernels) width \(width) row \(row) column \(column)")
                }
            }
        }
    }

    @Test(arguments: sets) func softmaxMatchesReference(_ kernels: EncoderKernelSet) {
        var generator = SeededGenerator(seed: Self.seed + 3)
        for width in [1, 7, 13, 40] {
            let rows = 2, ld = width + 3, scale: Float = 0.17
            var matrix = Self.randomValues(rows * ld, &generator).map { $0 * 40 }
            matrix[0] = -1e30  // a masked-like score: weight 0, no NaN
            let input = matrix
            dict_softmax_rows(kernels.c, &matrix, Int32(rows), Int32(width), Int32(ld), scale)
            for row in 0..<rows {
                let scores = input[row * ld..<row * ld + width].map { Double($0) * Double(scale) }
                let top = scores.max()!
                let total = scores.reduce(0) { $0 + exp($1 - top) }
                for column in 0..<width {
                    let want = exp(scores[column] - top) / total
                    #expect(abs(Double(matrix[row * ld + column]) - want) < 1e-6, "\(kernels) width \(width) row \(row) column \(column)")
                }
                #expect((width..<ld).allSatisfy { matrix[row * ld + $0] == input[row * ld + $0] }, "beyond width untouched")
            }
        }
    }

    @Test func bestSetIsAVX2WhereTheCPURunsIt() {
        #expect(EncoderKernelSet.best == (EncoderKernelSet.avx2.isSupported ? .avx2 : .portable))
        #expect(EncoderKernelSet.portable.isSupported)
    }
}
