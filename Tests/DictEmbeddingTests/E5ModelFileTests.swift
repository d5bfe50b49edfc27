@testable import DictEmbedding
import DictTesting
import Foundation
import Testing

/// Loading the e5 file format: a small valid file works end to end, and every damaged or truncated variant is a
/// typed `E5ModelFileError`, never a crash or a huge allocation.
struct E5ModelFileTests {
    private func load(_ writer: E5ModelFileWriter) throws(E5ModelFileError) -> E5ModelFile {
        let data = writer.data()
        do {
            return try data.withUnsafeBytes { try E5ModelFile(bytes: $0, path: "test.bin") }
        } catch let error as E5ModelFileError {
            throw error
        } catch {
            fatalError("unexpected \(error)")
        }
    }

    /// Whether loading `writer`'s file fails with an error matching `check`.
    private func fails(_ writer: E5ModelFileWriter, _ check: (E5ModelFileError) -> Bool) -> Bool {
        do {
            _ = try load(writer)
            return false
        } catch {
            return check(error) && error.description.contains("bash models/install.sh multilingual-e5-small")
        }
    }

    @Test func smallValidFileLoadsAndEmbeds() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write(E5ModelFileWriter().data(), to: "e5-small-q4.bin")
        let embedder = try MultilingualE5Embedder(modelFile: path)
        #expect(embedder.dimension == 32)
        #expect(embedder.maxSequenceLength == 8)
        let vectors = try embedder.embed(["ab c", "", "zzzzzzzzzz"], role: .query)
        for vector in vectors {
            #expect(vector.count == 32)
            #expect(abs(vector.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4)
        }
        #expect(embedder.tokenIDs(of: "zzzzzzzzzz", role: .query).count == 8)
        // Batched and alone agree.
        #expect(try embedder.embed(["ab c"], role: .query)[0] == vectors[0])
        // Two workers shard the batch without changing a bit.
        let sharded = try MultilingualE5Embedder(modelFile: path, workers: 2)
        #expect(try sharded.embed(["ab c", "", "zzzzzzzzzz", "a b c"], role: .query).prefix(3).elementsEqual(vectors))
        // The role-bound Embedder gives the same vectors and counts, and the roles differ.
        let queries: any Embedder = E5RoleEmbedder(model: embedder, role: .query)
        #expect(queries.modelName == "multilingual-e5-small" && queries.dimension == 32)
        #expect(try queries.embed(["ab c"])[0] == vectors[0])
        #expect(queries.tokenCount(of: "ab c") == embedder.tokenCount(of: "ab c", role: .query))
        #expect(try E5RoleEmbedder(model: embedder, role: .passage).embedFlat(["ab c"]) != vectors[0])
    }

    @Test func headerFieldsAreRead() throws {
        let file = try load(E5ModelFileWriter())
        #expect(file.configuration.hiddenSize == 32 && file.configuration.layerCount == 1 && file.configuration.headCount == 2)
        #expect(file.configuration.intermediateSize == 64 && file.configuration.maxPositions == 8)
        #expect(file.configuration.layerNormEpsilon == 1e-12)
        #expect(file.tokenizer.vocabulary.count == 11)
        #expect(file.tokenizer.normalizer.count == 3)
        #expect(file.weights.wordEmbeddings.rowCount == 11)
    }

    @Test func everyTruncationIsATypedError() throws {
        let full = E5ModelFileWriter().data()
        // Every length through the header, vocabulary, map and directory; then a sample of the tensor data.
        var lengths = Array(0..<min(full.count, 2_000))
        lengths += Array(stride(from: 2_000, to: full.count, by: 211))
        lengths.append(full.count - 1)
        for length in lengths {
            let prefix = full.prefix(length)
            do {
                _ = try prefix.withUnsafeBytes { try E5ModelFile(bytes: $0, path: "cut.bin") }
                Issue.record("a file cut to \(length) of \(full.count) bytes loaded")
            } catch is E5ModelFileError {
            } catch {
                Issue.record("cut to \(length): untyped error \(error)")
            }
        }
    }

    @Test func damagedHeaderIsATypedError() {
        var writer = E5ModelFileWriter()
        writer.magic = "GGUF"
        #expect(fails(writer) { if case .notAnE5File = $0 { true } else { false } })
        writer = E5ModelFileWriter()
        writer.version = 2
        #expect(fails(writer) { if case .notAnE5File = $0 { true } else { false } })
        writer = E5ModelFileWriter()
        writer.hidden = 33
        #expect(fails(writer) { if case .invalidHeader(_, "hidden", _, _) = $0 { true } else { false } })
        writer = E5ModelFileWriter()
        writer.heads = 3
        #expect(fails(writer) { if case .invalidHeader(_, "heads", _, _) = $0 { true } else { false } })
        writer = E5ModelFileWriter()
        writer.positions = 10_000
        #expect(fails(writer) { if case .invalidHeader(_, "positions", _, _) = $0 { true } else { false } })
    }

    @Test func damagedVocabularyIsATypedError() {
        var writer = E5ModelFileWriter()
        writer.pieceCountOverride = Int32.max
        #expect(fails(writer) { if case .invalidVocabulary = $0 { true } else { false } })
        writer = E5ModelFileWriter()
        writer.vocabularyRows = 20
        writer.pieceCountOverride = 20  // more pieces than written: offsets and scores run into the next sections
        #expect(fails(writer) { _ in true })
        writer = E5ModelFileWriter()
        writer.pieceByteLengthOverride = UInt64.max
        #expect(fails(writer) { if case .truncated = $0 { true } else { false } })
        writer = E5ModelFileWriter()
        writer.pieceByteLengthOverride = 3  // offsets then end past the pieces' bytes
        #expect(fails(writer) { _ in true })
        writer = E5ModelFileWriter()
        writer.specialIDs = [0, 2, 1, 99]
        #expect(fails(writer) { if case .invalidVocabulary = $0 { true } else { false } })
        writer = E5ModelFileWriter()
        writer.pieces[6] = ("a", -3)
        #expect(fails(writer) { if case .invalidVocabulary = $0 { true } else { false } })
        writer = E5ModelFileWriter()
        writer.pieces[6] = ("b", .nan)
        #expect(fails(writer) { if case .invalidVocabulary = $0 { true } else { false } })
    }

    @Test func damagedNormalizationIsATypedError() {
        var writer = E5ModelFileWriter()
        writer.normalization = [(0x09, [0x20]), (0x07, [])]
        #expect(fails(writer) { if case .invalidNormalization = $0 { true } else { false } })
        writer = E5ModelFileWriter()
        writer.normalization = [(0x09, [0xD800])]
        #expect(fails(writer) { if case .invalidNormalization = $0 { true } else { false } })
        writer = E5ModelFileWriter()
        writer.normalizationByteLengthOverride = 7
        #expect(fails(writer) { _ in true })
        writer = E5ModelFileWriter()
        writer.normalizationByteLengthOverride = UInt32.max
        #expect(fails(writer) { if case .truncated = $0 { true } else { false } })
    }

    @Test func damagedTensorsAreATypedError() {
        var writer = E5ModelFileWriter()
        writer.omittedTensors = ["l0.fi.w"]
        #expect(fails(writer) { if case .missingTensor(_, "l0.fi.w") = $0 { true } else { false } })
        writer = E5ModelFileWriter()
        writer.duplicatedTensor = "emb.pos"
        #expect(fails(writer) { if case .invalidTensor(_, "emb.pos", _) = $0 { true } else { false } })
        writer = E5ModelFileWriter()
        writer.tensorDTypeOverrides = ["emb.ln.w": 7]
        #expect(fails(writer) { if case .invalidTensor(_, "emb.ln.w", _) = $0 { true } else { false } })
        writer = E5ModelFileWriter()
        writer.tensorOffsetOverrides = ["l0.q.b": UInt64.max - 10]
        #expect(fails(writer) { if case .invalidTensor(_, "l0.q.b", _) = $0 { true } else { false } })
        writer = E5ModelFileWriter()
        writer.tensorOffsetOverrides = ["l0.oln.b": 0]  // inside the file but the wrong bytes: still loads
        #expect(!fails(writer) { _ in true })
        writer = E5ModelFileWriter()
        writer.tensorElementOverrides = ["emb.type": 32]  // byte length no longer matches the element count
        #expect(fails(writer) { if case .invalidTensor(_, "emb.type", _) = $0 { true } else { false } })
    }

    @Test func missingFileIsATypedError() {
        #expect { try MultilingualE5Embedder(modelFile: "/nonexistent/e5-small-q4.bin") } throws: { error in
            guard case .unreadable = error as? E5ModelFileError else { return false }
            return "\(error)".contains("bash models/install.sh multilingual-e5-small")
        }
    }

    @Test func blockDequantizationFollowsTheLayout() {
        // Scale 1.0 (0x3C00); byte j holds nibble j in its low half and 15 − j in its high half.
        var bytes: [UInt8] = [0x00, 0x3C]
        for j in 0..<16 { bytes.append(UInt8(j) | UInt8(15 - j) << 4) }
        let matrix = bytes.withUnsafeBytes { BlockQuantizedMatrix(rows: 1, columns: 32, bytes: $0) }
        let values = matrix.dequantized().values
        #expect(values[0..<16].elementsEqual((0..<16).map { Float($0 - 8) }))
        #expect(values[16..<32].elementsEqual((0..<16).map { Float(15 - $0 - 8) }))
    }

    @Test func halfPrecisionConversion() {
        #expect(BlockQuantizedMatrix.float(fromHalf: 0x3C00) == 1)
        #expect(BlockQuantizedMatrix.float(fromHalf: 0xC000) == -2)
        #expect(BlockQuantizedMatrix.float(fromHalf: 0x3555) == Float(0x1.554p-2))
        #expect(BlockQuantizedMatrix.float(fromHalf: 0x0001) == 0x1p-24)
        #expect(BlockQuantizedMatrix.float(fromHalf: 0x8000) == 0 && BlockQuantizedMatrix.float(fromHalf: 0x8000).sign == .minus)
        #expect(BlockQuantizedMatrix.float(fromHalf: 0x7C00) == .infinity)
        #expect(BlockQuantizedMatrix.float(fromHalf: 0x7E00).isNaN)
        #expect(BlockQuantizedMatrix.float(fromHalf: 0x7BFF) == 65504)
    }
}
