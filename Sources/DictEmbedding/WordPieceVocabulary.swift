/// The word-piece vocabulary as an open-addressing hash table keyed by Unicode scalar sequences, so lookups take a
/// slice of a word's scalars without building a `String` (whose `==` would treat canonically equivalent but
/// different scalar sequences as equal). Continuation pieces (`##abc`) are keyed as `abc` with a continuation flag.
package struct WordPieceVocabulary: Sendable {
    /// Number of tokens.
    package let count: Int
    /// Longest key in scalars (continuation prefix excluded); bounds the greedy match.
    package let longestKey: Int

    private let keyScalars: [UInt32]
    private let keyStarts: [Int32]
    private let keyLengths: [Int32]
    private let keyIsContinuation: [Bool]
    private let slots: [Int32]   // token id per slot, -1 when empty
    private let slotMask: Int

    /// Errors of `init(tokens:)`.
    package enum BuildError: Error, Equatable {
        /// The same token appears twice; `firstID` and `secondID` are its line numbers from 0.
        case duplicateToken(String, firstID: Int, secondID: Int)
        /// A line is empty.
        case emptyToken(id: Int)
    }

    /// A vocabulary whose token ids are the indices of `tokens`.
    package init(tokens: [String]) throws(BuildError) {
        var scalars: [UInt32] = []
        var starts: [Int32] = [], lengths: [Int32] = [], continuation: [Bool] = []
        var longest = 0
        for token in tokens {
            guard !token.isEmpty else { throw .emptyToken(id: starts.count) }
            var values = token.unicodeScalars.map(\.value)
            let isContinuation = values.count > 2 && values[0] == 0x23 && values[1] == 0x23
            if isContinuation { values.removeFirst(2) }
            starts.append(Int32(scalars.count))
            lengths.append(Int32(values.count))
            continuation.append(isContinuation)
            scalars.append(contentsOf: values)
            longest = max(longest, values.count)
        }
        var capacity = 16
        while capacity < tokens.count * 2 { capacity <<= 1 }
        var slots = [Int32](repeating: -1, count: capacity)
        for id in 0..<tokens.count {
            let start = Int(starts[id]), length = Int(lengths[id])
            let hash = scalars.withUnsafeBufferPointer {
                Self.hash(UnsafeBufferPointer(rebasing: $0[start..<start + length]), continuation: continuation[id])
            }
            var slot = hash & (capacity - 1)
            while slots[slot] >= 0 {
                let other = Int(slots[slot])
                if continuation[other] == continuation[id], lengths[other] == lengths[id],
                   scalars[Int(starts[other])..<Int(starts[other]) + length] == scalars[start..<start + length] {
                    throw .duplicateToken(tokens[id], firstID: other, secondID: id)
                }
                slot = (slot + 1) & (capacity - 1)
            }
            slots[slot] = Int32(id)
        }
        self.count = tokens.count
        self.longestKey = longest
        self.keyScalars = scalars
        self.keyStarts = starts
        self.keyLengths = lengths
        self.keyIsContinuation = continuation
        self.slots = slots
        self.slotMask = capacity - 1
    }

    /// The id of the token spelled by `scalars` (with a `##` prefix when `continuation`), or nil. O(length).
    @inline(__always)
    package func id(of scalars: UnsafeBufferPointer<UInt32>, continuation: Bool) -> Int32? {
        var slot = Self.hash(scalars, continuation: continuation) & slotMask
        return keyScalars.withUnsafeBufferPointer { keys in
            while true {
                let candidate = Int(slots[slot])
                if candidate < 0 { return nil }
                if keyIsContinuation[candidate] == continuation, Int(keyLengths[candidate]) == scalars.count {
                    let start = Int(keyStarts[candidate])
                    var equal = true
                    for index in 0..<scalars.count where keys[start + index] != scalars[index] {
                        equal = false
                        break
                    }
                    if equal { return Int32(candidate) }
                }
                slot = (slot + 1) & slotMask
            }
        }
    }

    /// The id of a whole token written as a `String` (e.g. `[UNK]`, `##ing`), or nil.
    package func id(of token: String) -> Int32? {
        var values = token.unicodeScalars.map(\.value)
        let isContinuation = values.count > 2 && values[0] == 0x23 && values[1] == 0x23
        if isContinuation { values.removeFirst(2) }
        return values.withUnsafeBufferPointer { id(of: $0, continuation: isContinuation) }
    }

    /// The token spelled out, for debugging and tests.
    package func token(_ id: Int) -> String {
        let start = Int(keyStarts[id])
        var result = keyIsContinuation[id] ? "##" : ""
        for value in keyScalars[start..<start + Int(keyLengths[id])] {
            result.unicodeScalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return result
    }

    /// FNV-1a over the scalar values, seeded differently for continuation pieces.
    @inline(__always)
    private static func hash(_ scalars: UnsafeBufferPointer<UInt32>, continuation: Bool) -> Int {
        var hash: UInt64 = continuation ? 0x9E37_79B9_7F4A_7C15 : 0xCBF2_9CE4_8422_2325
        for value in scalars {
            hash = (hash ^ UInt64(value)) &* 0x0000_0100_0000_01B3
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}
