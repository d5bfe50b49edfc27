/// Checks a JSON request body for what `JSONDecoder` lets through but the API refuses, before it is decoded:
///
/// - a key repeated in one object (`{"terms":["a"],"terms":["b"]}`): the decoder would silently keep one of them,
///   so the client and the server could disagree about what was asked;
/// - NUL (`\u0000`) in any string: query parameters already refuse control characters, and NUL truncates text in
///   C APIs and logs further down;
/// - any string longer than `maxStringBytes` UTF-8 bytes (every field's own character and byte caps are checked
///   later, by the route; this is the ceiling for fields that have none);
/// - nesting deeper than `maxDepth`.
///
/// One pass over the bytes, no recursion, O(n). It does not check the grammar: anything malformed is left for the
/// decoder, which reports it.
struct StrictJSONScanner {
    /// Why a body was refused; `path` names the place like `terms[2]` (`body` at the top).
    enum Violation: Error, Equatable, CustomStringConvertible {
        case duplicateKey(key: String, path: String)
        case nulCharacter(path: String)
        case stringTooLong(path: String, maximum: Int)
        case tooDeep(maximum: Int)

        var description: String {
            switch self {
            case .duplicateKey(let key, let path):
                "Invalid JSON: key '\(key.prefix(40))' appears more than once in \(path); expected each key once"
            case .nulCharacter(let path):
                "Invalid JSON: \(path) contains a NUL character (\\u0000); expected text without NUL"
            case .stringTooLong(let path, let maximum):
                "Invalid JSON: \(path) is too long: expected at most \(maximum) UTF-8 bytes, found more"
            case .tooDeep(let maximum):
                "Invalid JSON: nested deeper than \(maximum) levels"
            }
        }
    }

    /// Longest string anywhere in a body, in UTF-8 bytes (1,000 characters of 4 bytes: the longest text field).
    var maxStringBytes = 4_000
    /// Deepest nesting of objects and arrays.
    var maxDepth = 32

    private enum Frame {
        case object(keys: Set<String>, key: String?)
        case array(index: Int)
    }

    /// Throws the first `Violation` found in `bytes`.
    func scan(_ bytes: [UInt8]) throws(Violation) {
        var stack: [Frame] = []
        var expectingKey = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                guard stack.count < maxDepth else { throw .tooDeep(maximum: maxDepth) }
                stack.append(.object(keys: [], key: nil))
                expectingKey = true
            case UInt8(ascii: "["):
                guard stack.count < maxDepth else { throw .tooDeep(maximum: maxDepth) }
                stack.append(.array(index: 0))
                expectingKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
                expectingKey = false
            case UInt8(ascii: ","):
                switch stack.last {
                case .object: expectingKey = true
                case .array(let position): stack[stack.count - 1] = .array(index: position + 1)
                case nil: break
                }
            case UInt8(ascii: "\""):
                let (text, end) = try readString(bytes, from: index + 1, path: { Self.path(stack, expectingKey: expectingKey) })
                index = end
                if expectingKey, case .object(var keys, _) = stack.last {
                    guard keys.insert(text).inserted else { throw .duplicateKey(key: text, path: Self.path(stack, expectingKey: true)) }
                    stack[stack.count - 1] = .object(keys: keys, key: text)
                    expectingKey = false
                }
            default:
                break
            }
            index += 1
        }
    }

    /// Decodes the string starting after its opening quote; returns it and the index of its closing quote.
    private func readString(_ bytes: [UInt8], from start: Int, path: () -> String) throws(Violation) -> (String, Int) {
        var decoded: [UInt8] = []
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                index += 1
                switch bytes[index] {
                case UInt8(ascii: "u"):
                    guard let unit = Self.hex(bytes, at: index + 1) else { break }
                    index += 4
                    var scalar = UInt32(unit)
                    // A high surrogate followed by an escaped low one is one scalar.
                    if (0xD800...0xDBFF).contains(unit), index + 6 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\"),
                       bytes[index + 2] == UInt8(ascii: "u"), let low = Self.hex(bytes, at: index + 3), (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                        index += 6
                    }
                    if scalar == 0 { throw .nulCharacter(path: path()) }
                    decoded += Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case let escaped: decoded.append(escaped)
                }
            } else {
                if byte == 0 { throw .nulCharacter(path: path()) }
                decoded.append(byte)
            }
            guard decoded.count <= maxStringBytes else { throw .stringTooLong(path: path(), maximum: maxStringBytes) }
            index += 1
        }
        return (String(decoding: decoded, as: UTF8.self), index)
    }

    private static func hex(_ bytes: [UInt8], at start: Int) -> UInt16? {
        guard start + 4 <= bytes.count else { return nil }
        return UInt16(String(decoding: bytes[start..<(start + 4)], as: UTF8.self), radix: 16)
    }

    /// `terms[2]`, `query`, `body` (the top level), … for messages.
    private static func path(_ stack: [Frame], expectingKey: Bool) -> String {
        var components: [String] = []
        for (depth, frame) in stack.enumerated() {
            switch frame {
            case .object(_, let key):
                // While the innermost object's next key is being read, its previous key is not part of the path.
                let readingKey = expectingKey && depth == stack.count - 1
                if let key, !readingKey { components.append(components.isEmpty ? key : "." + key) }
            case .array(let index):
                components.append("[\(index)]")
            }
        }
        return components.isEmpty ? "body" : components.joined()
    }
}
