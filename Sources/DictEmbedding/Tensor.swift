/// A read-only float32 tensor, row-major, either read in place from a memory-mapped file or owning its memory.
/// A class so that `pointer` stays valid exactly as long as the tensor is referenced.
package final class Tensor: @unchecked Sendable {
    /// The shape, outermost dimension first.
    package let shape: [Int]
    /// Number of elements (the product of `shape`).
    package let count: Int
    /// The first value. Valid while this tensor lives; never written through (the memory may be a read-only map).
    package let pointer: UnsafePointer<Float>

    // Either the mapped file (kept alive) or nil when this tensor owns `pointer`'s allocation.
    private let owner: AnyObject?

    /// A tensor viewing memory owned by `owner` (e.g. a memory-mapped file).
    package init(shape: [Int], pointer: UnsafePointer<Float>, owner: AnyObject) {
        self.shape = shape
        self.count = shape.reduce(1, *)
        self.pointer = pointer
        self.owner = owner
    }

    /// A tensor owning a copy of `values`; `values.count` must equal the product of `shape`.
    package init(shape: [Int], values: [Float]) {
        precondition(shape.reduce(1, *) == values.count, "tensor values do not fill shape \(shape)")
        let storage = UnsafeMutablePointer<Float>.allocate(capacity: max(values.count, 1))
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { storage.initialize(from: base, count: values.count) }
        }
        self.shape = shape
        self.count = values.count
        self.pointer = UnsafePointer(storage)
        self.owner = nil
    }

    deinit {
        if owner == nil { UnsafeMutablePointer(mutating: pointer).deallocate() }
    }

    /// The values as a new array.
    package var values: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}
