import DictStore

/// A fast reader for the JSON columns of `dictionary_entries` (definition, refs, metadata, quality_score,
/// ai_metadata). Foundation's `JSONDecoder` spent about 100 µs on a WordNet definition, which made entry decoding the
/// largest cost of a lookup and of every result page; this parser reads the same text in a few microseconds.
///
/// It accepts only what it can map exactly as `JSONDecoder` would: anything unusual (a duplicate key, a fractional
/// number where an integer is expected, a wrong type, an invalid escape, malformed text) returns nil, and the caller
/// decodes that column with `JSONDecoder`, which then produces the same value or the same error as before.
/// `EntryColumnJSONTests` checks the two agree on generated and hostile inputs.
enum EntryColumnJSON {
    /// A parsed JSON value; numbers keep their integer value when written as a plain integer that fits `Int`.
    indirect enum Value {
        case null
        case bool(Bool)
        case number(Double, integer: Int?)
        case string(String)
        case array([Value])
        case object([String: Value])
    }

    /// The object in `text`, or nil when the text is not a JSON object this parser accepts.
    static func object(_ text: String) -> [String: Value]? {
        var text = text
        return text.withUTF8 { bytes -> [String: Value]? in
            var parser = Parser(bytes: bytes)
            guard case .object(let fields)? = parser.value(depth: 0) else { return nil }
            parser.skipWhitespace()
            return parser.position == bytes.count ? fields : nil
        }
    }

    /// The value as `JSONValue` (what `JSONValue`'s own decoder would give).
    static func jsonValue(_ value: Value) -> JSONValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let number, _): .number(number)
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(jsonValue))
        case .object(let fields): .object(fields.mapValues(jsonValue))
        }
    }

    /// Reads the fields of one object: typed getters that report a mismatch by returning nil from the whole read.
    struct Fields {
        let fields: [String: Value]
        /// Set when a field had a type `JSONDecoder` would refuse (the caller then falls back).
        private(set) var mismatch = false

        init(_ fields: [String: Value]) { self.fields = fields }

        mutating func string(_ key: String) -> String? {
            switch fields[key] {
            case nil, .null?: return nil
            case .string(let text)?: return text
            default: mismatch = true; return nil
            }
        }

        mutating func strings(_ key: String) -> [String]? {
            switch fields[key] {
            case nil, .null?: return nil
            case .array(let items)?:
                var texts: [String] = []
                texts.reserveCapacity(items.count)
                for item in items {
                    guard case .string(let text) = item else { mismatch = true; return nil }
                    texts.append(text)
                }
                return texts
            default: mismatch = true; return nil
            }
        }

        mutating func stringMap(_ key: String) -> [String: String]? {
            switch fields[key] {
            case nil, .null?: return nil
            case .object(let map)?:
                var texts: [String: String] = [:]
                for (name, item) in map {
                    guard case .string(let text) = item else { mismatch = true; return nil }
                    texts[name] = text
                }
                return texts
            default: mismatch = true; return nil
            }
        }

        mutating func integer(_ key: String) -> Int? {
            switch fields[key] {
            case nil, .null?: return nil
            case .number(_, let integer?)?: return integer
            default: mismatch = true; return nil
            }
        }

        mutating func double(_ key: String) -> Double? {
            switch fields[key] {
            case nil, .null?: return nil
            case .number(let number, _)?: return number
            default: mismatch = true; return nil
            }
        }

        mutating func bool(_ key: String) -> Bool? {
            switch fields[key] {
            case nil, .null?: return nil
            case .bool(let flag)?: return flag
            default: mismatch = true; return nil
            }
        }

        /// The fields not in `known`, as `JSONValue`s.
        func extras(excluding known: Set<String>) -> [String: JSONValue] {
            var extras: [String: JSONValue] = [:]
            for (key, value) in fields where !known.contains(key) { extras[key] = EntryColumnJSON.jsonValue(value) }
            return extras
        }
    }

    /// A recursive-descent parser over UTF-8 bytes (RFC 8259), at most 64 levels deep.
    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) -> Value? {
            guard depth < 64 else { return nil }
            skipWhitespace()
            guard position < bytes.count else { return nil }
            switch bytes[position] {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string().map(Value.string)
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            default: return number()
            }
        }

        private mutating func literal(_ word: StaticString, _ value: Value) -> Value? {
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count else { return nil }
            for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] { return nil }
            position += count
            return value
        }

        private mutating func object(depth: Int) -> Value? {
            position += 1
            var fields: [String: Value] = [:]
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(fields) }
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\""), let key = string() else { return nil }
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return nil }
                position += 1
                guard let item = value(depth: depth + 1) else { return nil }
                // A repeated key: leave the choice of which one wins to JSONDecoder.
                guard fields.updateValue(item, forKey: key) == nil else { return nil }
                skipWhitespace()
                guard position < bytes.count else { return nil }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(fields) }
                return nil
            }
        }

        private mutating func array(depth: Int) -> Value? {
            position += 1
            var items: [Value] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
            while true {
                guard let item = value(depth: depth + 1) else { return nil }
                items.append(item)
                skipWhitespace()
                guard position < bytes.count else { return nil }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
                return nil
            }
        }

        /// A string starting at the opening quote. Plain runs are copied whole; escapes other than the JSON ones,
        /// lone surrogates and raw control characters are refused.
        private mutating func string() -> String? {
            position += 1
            let start = position
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                    position += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { return escapedString(from: start) }
                if byte < 0x20 { return nil }
                position += 1
            }
            return nil
        }

        private mutating func escapedString(from start: Int) -> String? {
            var scalars = String.UnicodeScalarView()
            var text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            var runStart = position
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    text += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<position]), as: UTF8.self)
                    position += 1
                    return text
                }
                if byte < 0x20 { return nil }
                guard byte == UInt8(ascii: "\\") else { position += 1; continue }
                text += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<position]), as: UTF8.self)
                position += 1
                guard position < bytes.count else { return nil }
                let escape = bytes[position]
                position += 1
                scalars.removeAll()
                switch escape {
                case UInt8(ascii: "\""): text += "\""
                case UInt8(ascii: "\\"): text += "\\"
                case UInt8(ascii: "/"): text += "/"
                case UInt8(ascii: "b"): text += "\u{08}"
                case UInt8(ascii: "f"): text += "\u{0C}"
                case UInt8(ascii: "n"): text += "\n"
                case UInt8(ascii: "r"): text += "\r"
                case UInt8(ascii: "t"): text += "\t"
                case UInt8(ascii: "u"):
                    guard let unit = hexUnit() else { return nil }
                    if (0xD800..<0xDC00).contains(unit) {
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
                        else { return nil }
                        position += 2
                        guard let low = hexUnit(), (0xDC00..<0xE000).contains(low),
                              let scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) else { return nil }
                        scalars.append(scalar)
                    } else {
                        guard let scalar = Unicode.Scalar(unit) else { return nil }
                        scalars.append(scalar)
                    }
                    text.unicodeScalars.append(contentsOf: scalars)
                default: return nil
                }
                runStart = position
            }
            return nil
        }

        private mutating func hexUnit() -> UInt32? {
            guard position + 4 <= bytes.count else { return nil }
            var unit: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                unit = unit << 4 | UInt32(digit)
                position += 1
            }
            return unit
        }

        /// A number in JSON's grammar (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`).
        private mutating func number() -> Value? {
            let start = position
            var plainInteger = true
            if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits() else { return nil }
            if bytes[start + (bytes[start] == UInt8(ascii: "-") ? 1 : 0)] == UInt8(ascii: "0"),
               position - start > (bytes[start] == UInt8(ascii: "-") ? 2 : 1) { return nil }  // no leading zeros
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                plainInteger = false
                position += 1
                guard digits() else { return nil }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
                plainInteger = false
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
                guard digits() else { return nil }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            guard let number = Double(text), number.isFinite else { return nil }
            return .number(number, integer: plainInteger ? Int(text) : nil)
        }

        private mutating func digits() -> Bool {
            let start = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
            return position > start
        }
    }
}
