import CEncoderKernels

/// A linear layer's weight matrix (`n` outputs × `k` inputs, PyTorch's `[out, in]`) rearranged once, at load,
/// into the panels `dict_gemm_packed` reads: 16 outputs at a time, input-major, 64-byte aligned. Packing at
/// load is what makes one search query fast: a BLAS call re-packs the whole matrix on every product, which for
/// a 13-token query cost as much as the arithmetic.
package final class PackedMatrix: @unchecked Sendable {
    /// Output columns (rows of the original matrix).
    package let n: Int
    /// Inputs (the product's depth).
    package let k: Int
    /// The packed values; immutable after init.
    package let pointer: UnsafePointer<Float>

    /// Packs the rows of `blocks` stacked in order (query, key and value weights become one `3·hidden × hidden`
    /// matrix without an intermediate copy). Every block must be `[rows, k]`.
    package init(stacking blocks: [Tensor]) {
        precondition(!blocks.isEmpty && blocks.allSatisfy { $0.shape.count == 2 && $0.shape[1] == blocks[0].shape[1] },
                     "packed blocks must be matrices of equal width")
        let k = blocks[0].shape[1]
        var rows: [UnsafePointer<Float>?] = []
        for block in blocks {
            for row in 0..<block.shape[0] { rows.append(block.pointer + row * k) }
        }
        let count = dict_packed_float_count(Int32(rows.count), Int32(k))
        let storage = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Float>.stride, alignment: 64)
            .bindMemory(to: Float.self, capacity: max(count, 1))
        rows.withUnsafeBufferPointer { dict_pack_row_pointers($0.baseAddress, Int32(rows.count), Int32(k), storage) }
        self.n = rows.count
        self.k = k
        self.pointer = UnsafePointer(storage)
    }

    deinit { UnsafeMutableRawPointer(mutating: pointer).deallocate() }
}
