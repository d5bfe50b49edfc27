/// Why a safetensors file could not be read. Every case names the file; tensor cases name the tensor.
package enum SafetensorsError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or memory-mapped.
    case unreadable(path: String, reason: String)
    /// The file is shorter than its 8-byte header length plus the header it announces.
    case truncatedHeader(path: String, declaredHeaderBytes: UInt64, fileBytes: Int)
    /// The header is not a JSON object of tensor entries.
    case invalidHeader(path: String, reason: String)
    /// A tensor's entry lacks a field or has one of the wrong type.
    case invalidEntry(path: String, tensor: String, reason: String)
    /// A tensor's data range lies outside the data section or disagrees with its shape and dtype.
    case invalidDataRange(path: String, tensor: String, begin: Int, end: Int, expectedBytes: Int, dataBytes: Int)
    /// A tensor the model needs is absent.
    case missingTensor(path: String, tensor: String)
    /// A tensor has another element type than the model needs (only little-endian F32 is read).
    case wrongDType(path: String, tensor: String, expected: String, found: String)
    /// A tensor has another shape than the model configuration implies.
    case wrongShape(path: String, tensor: String, expected: [Int], found: [Int])

    package var description: String {
        switch self {
        case let .unreadable(path, reason):
            "cannot read safetensors file \(path): \(reason)"
        case let .truncatedHeader(path, declared, fileBytes):
            "safetensors file \(path) is truncated: header of \(declared) bytes announced, file has \(fileBytes) bytes"
        case let .invalidHeader(path, reason):
            "safetensors file \(path) has an invalid header: \(reason)"
        case let .invalidEntry(path, tensor, reason):
            "safetensors file \(path): tensor \(tensor): \(reason)"
        case let .invalidDataRange(path, tensor, begin, end, expected, dataBytes):
            "safetensors file \(path): tensor \(tensor) has data range \(begin)..<\(end) (expected \(expected) bytes within a data section of \(dataBytes) bytes)"
        case let .missingTensor(path, tensor):
            "safetensors file \(path) has no tensor \(tensor)"
        case let .wrongDType(path, tensor, expected, found):
            "safetensors file \(path): tensor \(tensor) has dtype \(found), expected \(expected)"
        case let .wrongShape(path, tensor, expected, found):
            "safetensors file \(path): tensor \(tensor) has shape \(found), expected \(expected)"
        }
    }
}
