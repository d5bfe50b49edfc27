#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A memory-mapped safetensors file: an 8-byte little-endian header length, a JSON header mapping tensor names to
/// `{dtype, shape, data_offsets}`, then the raw tensor bytes. The header is validated once on open (every entry's
/// byte range must lie inside the data section and match its shape and dtype); tensors are read in place.
package final class SafetensorsFile: @unchecked Sendable {
    /// One tensor's header entry.
    package struct Entry: Sendable, Equatable {
        /// The dtype string as written in the header (`F32`, `I64`, …).
        package var dtype: String
        /// The shape, outermost dimension first.
        package var shape: [Int]
        /// Byte range relative to the start of the data section.
        package var byteRange: Range<Int>
    }

    /// The path the file was opened from (for error messages).
    package let path: String
    /// Every tensor's header entry by name.
    package let entries: [String: Entry]

    // The mapping is read-only and never changes after init, which is why sharing it across threads is safe.
    private let base: UnsafeRawPointer
    private let mappedBytes: Int
    private let dataStart: Int

    /// Largest header accepted; real headers are a few tens of kilobytes.
    private static let maximumHeaderBytes: UInt64 = 100 << 20

    /// Maps the file at `path` and validates its header.
    /// - Throws: `SafetensorsError` for an unreadable, truncated or malformed file.
    package init(path: String) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw SafetensorsError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw SafetensorsError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        let size = Int(status.st_size)
        guard size >= 8 else {
            throw SafetensorsError.truncatedHeader(path: path, declaredHeaderBytes: 0, fileBytes: size)
        }
        guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED else {
            throw SafetensorsError.unreadable(path: path, reason: "mmap failed: \(String(cString: strerror(errno)))")
        }
        let raw = UnsafeRawPointer(mapping)
        do {
            let headerBytes = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            guard headerBytes <= Self.maximumHeaderBytes, headerBytes <= UInt64(size - 8) else {
                throw SafetensorsError.truncatedHeader(path: path, declaredHeaderBytes: headerBytes, fileBytes: size)
            }
            let header = Data(bytes: raw + 8, count: Int(headerBytes))
            let dataStart = 8 + Int(headerBytes)
            self.entries = try Self.parseHeader(header, path: path, dataBytes: size - dataStart)
            self.dataStart = dataStart
        } catch {
            munmap(mapping, size)
            throw error
        }
        self.base = raw
        self.mappedBytes = size
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), mappedBytes)
    }

    /// Decodes the JSON header into entries, checking every field and byte range.
    private static func parseHeader(_ header: Data, path: String, dataBytes: Int) throws -> [String: Entry] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: header)
        } catch {
            throw SafetensorsError.invalidHeader(path: path, reason: "not JSON (\(error.localizedDescription))")
        }
        guard let dictionary = object as? [String: Any] else {
            throw SafetensorsError.invalidHeader(path: path, reason: "not a JSON object")
        }
        var entries: [String: Entry] = [:]
        for (name, value) in dictionary where name != "__metadata__" {
            guard let fields = value as? [String: Any] else {
                throw SafetensorsError.invalidEntry(path: path, tensor: name, reason: "entry is not an object")
            }
            guard let dtype = fields["dtype"] as? String else {
                throw SafetensorsError.invalidEntry(path: path, tensor: name, reason: "missing dtype")
            }
            guard let shapeValues = fields["shape"] as? [Any],
                  let shape = integers(shapeValues), shape.allSatisfy({ $0 >= 0 }) else {
                throw SafetensorsError.invalidEntry(path: path, tensor: name, reason: "shape is not a list of non-negative integers")
            }
            guard let offsetValues = fields["data_offsets"] as? [Any], let offsets = integers(offsetValues),
                  offsets.count == 2 else {
                throw SafetensorsError.invalidEntry(path: path, tensor: name, reason: "data_offsets is not two integers")
            }
            let (elements, overflow) = shape.reduce((1, false)) { partial, dimension in
                let (product, overflowed) = partial.0.multipliedReportingOverflow(by: dimension)
                return (product, partial.1 || overflowed)
            }
            let width = elementWidth(of: dtype)
            let expected = overflow ? Int.max : (width.map { elements.multipliedReportingOverflow(by: $0) }
                .map { $0.overflow ? Int.max : $0.partialValue } ?? -1)
            let begin = offsets[0], end = offsets[1]
            guard begin >= 0, end >= begin, end <= dataBytes, expected < 0 || end - begin == expected else {
                throw SafetensorsError.invalidDataRange(path: path, tensor: name, begin: begin, end: end,
                                                        expectedBytes: expected, dataBytes: dataBytes)
            }
            entries[name] = Entry(dtype: dtype, shape: shape, byteRange: begin..<end)
        }
        return entries
    }

    /// Exact integers from JSON numbers (rejects fractions and non-numbers).
    private static func integers(_ values: [Any]) -> [Int]? {
        var result: [Int] = []
        result.reserveCapacity(values.count)
        for value in values {
            guard let number = value as? NSNumber, let exact = Int(exactly: number.doubleValue) else { return nil }
            result.append(exact)
        }
        return result
    }

    /// Bytes per element of the dtypes safetensors defines; nil for unknown ones.
    private static func elementWidth(of dtype: String) -> Int? {
        switch dtype {
        case "F64", "I64", "U64": 8
        case "F32", "I32", "U32": 4
        case "F16", "BF16", "I16", "U16": 2
        case "I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2": 1
        default: nil
        }
    }

    /// A float32 tensor of exactly `shape`, read in place from the mapping (copied only if misaligned).
    /// - Throws: `SafetensorsError.missingTensor`, `.wrongDType` or `.wrongShape`.
    package func float32Tensor(_ name: String, shape: [Int]) throws -> Tensor {
        guard let entry = entries[name] else {
            throw SafetensorsError.missingTensor(path: path, tensor: name)
        }
        guard entry.dtype == "F32" else {
            throw SafetensorsError.wrongDType(path: path, tensor: name, expected: "F32", found: entry.dtype)
        }
        guard entry.shape == shape else {
            throw SafetensorsError.wrongShape(path: path, tensor: name, expected: shape, found: entry.shape)
        }
        let count = entry.byteRange.count / 4
        let start = base + dataStart + entry.byteRange.lowerBound
        // safetensors does not promise alignment, and the file is little-endian: read in place only when both hold.
        if Int(bitPattern: start) % MemoryLayout<Float>.alignment == 0, 1.littleEndian == 1 {
            return Tensor(shape: shape, pointer: start.assumingMemoryBound(to: Float.self), owner: self)
        }
        var copy = [Float](repeating: 0, count: count)
        for index in 0..<count {
            copy[index] = Float(bitPattern: UInt32(littleEndian: start.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)))
        }
        return Tensor(shape: shape, values: copy)
    }
}
