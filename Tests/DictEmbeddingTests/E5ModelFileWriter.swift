import DictTesting
import Foundation

/// Builds small e5 model files (the `e5-small-q4.bin` layout, see `E5ModelFile`) for tests, with seeded random
/// weights and knobs that damage one field at a time.
struct E5ModelFileWriter {
    var hidden = 32, layers = 1, heads = 2, intermediate = 64, positions = 8, types = 2
    var version: UInt32 = 1
    var magic = "E5S1"
    /// Pieces with their scores; ids are positions. Specials: `<s>` 0, `<pad>` 1, `</s>` 2, `<unk>` 3.
    var pieces: [(String, Float)] = [("<s>", 0), ("<pad>", 0), ("</s>", 0), ("<unk>", 0), ("▁", -2), ("a", -3),
                                     ("b", -3), ("▁a", -2.5), ("ab", -4), ("▁ab", -3.5), ("c", -1)]
    /// Rows of the word table (at least the piece count).
    var vocabularyRows: Int?
    var specialIDs: [Int32] = [0, 2, 1, 3]
    /// Normalization entries, written in this order.
    var normalization: [(UInt32, [UInt32])] = [(0x07, []), (0x09, [0x20]), (0xFF21, [0x61])]
    /// Damage knobs.
    var pieceCountOverride: Int32?
    var pieceByteLengthOverride: UInt64?
    var normalizationByteLengthOverride: UInt32?
    var omittedTensors: Set<String> = []
    var duplicatedTensor: String?
    var tensorDTypeOverrides: [String: UInt8] = [:]
    var tensorOffsetOverrides: [String: UInt64] = [:]
    var tensorElementOverrides: [String: UInt32] = [:]
    var seed: UInt64 = 1

    /// The tensors in file order: name, 4-bit blocks or not, element count.
    var tensorList: [(name: String, blocks: Bool, elements: Int)] {
        var list: [(String, Bool, Int)] = [("emb.word", true, (vocabularyRows ?? pieces.count) * hidden),
                                            ("emb.pos", false, positions * hidden), ("emb.type", false, types * hidden),
                                            ("emb.ln.w", false, hidden), ("emb.ln.b", false, hidden)]
        for layer in 0..<layers {
            let p = "l\(layer)."
            for name in ["q", "k", "v", "ao"] {
                list.append((p + name + ".w", true, hidden * hidden))
                list.append((p + name + ".b", false, hidden))
            }
            list.append((p + "aln.w", false, hidden))
            list.append((p + "aln.b", false, hidden))
            list.append((p + "fi.w", true, intermediate * hidden))
            list.append((p + "fi.b", false, intermediate))
            list.append((p + "fo.w", true, hidden * intermediate))
            list.append((p + "fo.b", false, hidden))
            list.append((p + "oln.w", false, hidden))
            list.append((p + "oln.b", false, hidden))
        }
        return list
    }

    func data() -> Data {
        var generator = SeededGenerator(seed: seed)
        var out = Data()
        func u8(_ v: UInt8) { out.append(v) }
        func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func i32(_ v: Int) { u32(UInt32(bitPattern: Int32(v))) }
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func f32(_ v: Float) { u32(v.bitPattern) }

        out.append(contentsOf: Array(magic.utf8))
        u32(version)
        for value in [hidden, layers, heads, intermediate, vocabularyRows ?? pieces.count, positions, types] { i32(value) }
        f32(1e-12)
        i32(32)

        let blob = pieces.flatMap { Array($0.0.utf8) }
        u32(UInt32(bitPattern: pieceCountOverride ?? Int32(pieces.count)))
        for id in specialIDs { u32(UInt32(bitPattern: id)) }
        u64(pieceByteLengthOverride ?? UInt64(blob.count))
        var offset: UInt32 = 0
        u32(0)
        for piece in pieces { offset += UInt32(piece.0.utf8.count); u32(offset) }
        for piece in pieces { f32(piece.1) }
        out.append(contentsOf: blob)

        var map = Data()
        for (codePoint, replacement) in normalization {
            withUnsafeBytes(of: codePoint.littleEndian) { map.append(contentsOf: $0) }
            map.append(UInt8(replacement.count))
            for scalar in replacement { withUnsafeBytes(of: scalar.littleEndian) { map.append(contentsOf: $0) } }
        }
        i32(normalization.count)
        u32(normalizationByteLengthOverride ?? UInt32(map.count))
        out.append(map)

        // Directory, then the data right after it.
        var tensors = tensorList.filter { !omittedTensors.contains($0.name) }
        if let duplicatedTensor, let entry = tensors.first(where: { $0.name == duplicatedTensor }) { tensors.append(entry) }
        func byteCount(_ tensor: (name: String, blocks: Bool, elements: Int)) -> Int {
            tensor.blocks ? tensor.elements / 32 * 18 : tensor.elements * 4
        }
        let directoryBytes = 4 + tensors.reduce(0) { $0 + 2 + $1.name.utf8.count + 1 + 4 + 8 + 8 }
        var dataOffset = out.count + directoryBytes
        i32(tensors.count)
        for tensor in tensors {
            u16(UInt16(tensor.name.utf8.count))
            out.append(contentsOf: Array(tensor.name.utf8))
            u8(tensorDTypeOverrides[tensor.name] ?? (tensor.blocks ? 1 : 0))
            u32(tensorElementOverrides[tensor.name] ?? UInt32(tensor.elements))
            u64(tensorOffsetOverrides[tensor.name] ?? UInt64(dataOffset))
            u64(UInt64(byteCount(tensor)))
            dataOffset += byteCount(tensor)
        }
        for tensor in tensors {
            if tensor.blocks {
                for _ in 0..<tensor.elements / 32 {
                    u16(0x2E66)  // scale ≈ 0.1
                    for _ in 0..<16 { u8(UInt8.random(in: 0...255, using: &generator)) }
                }
            } else if tensor.name.hasSuffix("ln.w") {
                for _ in 0..<tensor.elements { f32(1) }
            } else {
                for _ in 0..<tensor.elements { f32(Float.random(in: -0.5...0.5, using: &generator)) }
            }
        }
        return out
    }
}
