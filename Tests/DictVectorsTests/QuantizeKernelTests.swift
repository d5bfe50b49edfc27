import CVectorKernels
import DictTesting
import DictVectors
import Testing

@Suite("int8 quantization kernel")
struct QuantizeKernelTests {
    /// The Swift loop the kernel replaced: `Int8(clamp(roundf(x · factor), ±127))`.
    static func reference(_ values: [Float], factor: Float) -> [Int8] {
        values.map { Int8(min(max(($0 * factor).rounded(), -127), 127)) }
    }

    @Test func roundsAndClampsExactlyLikeTheSwiftLoop() {
        // Factor 1: the values are rounded as written, ties and near-ties included.
        let ties: [Float] = [0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 126.5, -126.5, 0.49999997, -0.49999997, 0.50000006,
                             127, -127, 128, -300, 0, -0.0, 3.4999998, 99.5]
        for count in [ties.count, 8, 7, 1] {
            let values = Array(ties.prefix(count))
            var fast = [Int8](repeating: 0, count: count)
            var slow = [Int8](repeating: 0, count: count)
            dict_i8_quantize(values, count, 1, &fast)
            dict_i8_quantize_scalar(values, count, 1, &slow)
            #expect(fast == Self.reference(values, factor: 1))
            #expect(slow == Self.reference(values, factor: 1))
        }
        var rng = SeededGenerator(seed: 0x0A11_CE5)
        for dimension in [1, 5, 8, 31, 384, 385] {
            let values = (0..<dimension).map { _ in Float(Int64(rng.next() % 2_000_001) - 1_000_000) / 997 }
            let maxAbs = dict_f32_max_abs(values, dimension)
            #expect(maxAbs == values.map(abs).max())
            #expect(dict_f32_max_abs_scalar(values, dimension) == maxAbs)
            let factor = 127 / maxAbs
            var fast = [Int8](repeating: 0, count: dimension)
            dict_i8_quantize(values, dimension, factor, &fast)
            #expect(fast == Self.reference(values, factor: factor), "dimension \(dimension)")
        }
    }
}
