import DictVectors
import Testing

@Suite("Embedding import files (.npy, raw float32, id lists)")
struct EmbeddingFileReaderTests {
    /// A .npy v1 file as numpy.save writes it: magic, version, header padded to a multiple of 64 with a newline.
    private func npy(descr: String = "<f4", fortran: String = "False", shape: String, values: [Float], dropTail: Int = 0) -> [UInt8] {
        var header = "{'descr': '\(descr)', 'fortran_order': \(fortran), 'shape': \(shape), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0]
        bytes += [UInt8(header.utf8.count & 0xff), UInt8(header.utf8.count >> 8)]
        bytes += Array(header.utf8)
        for value in values {
            let bits = value.bitPattern.littleEndian
            bytes += [UInt8(bits & 0xff), UInt8((bits >> 8) & 0xff), UInt8((bits >> 16) & 0xff), UInt8(bits >> 24)]
        }
        return Array(bytes.dropLast(dropTail))
    }

    @Test("A float32 C-order matrix reads back exactly")
    func readsMatrix() throws {
        let values: [Float] = [1, -2.5, 3.25, 0, 1e-30, -7]
        let matrix = try NPYReader.parse(npy(shape: "(2, 3)", values: values), path: "m.npy")
        #expect(matrix.rows == 2 && matrix.dimension == 3)
        #expect(matrix.values == values)
        #expect(Array(matrix.row(1)) == [0, 1e-30, -7])
    }

    @Test("Hostile .npy files give typed errors")
    func hostileNPY() {
        #expect(throws: EmbeddingFileError.notNPY(path: "x")) { try NPYReader.parse(Array("hello world".utf8), path: "x") }
        #expect(throws: EmbeddingFileError.self) { try NPYReader.parse(npy(descr: "<f8", shape: "(1, 1)", values: [1, 2]), path: "x") }
        #expect(throws: EmbeddingFileError.fortranOrder(path: "x")) { try NPYReader.parse(npy(fortran: "True", shape: "(1, 2)", values: [1, 2]), path: "x") }
        #expect(throws: EmbeddingFileError.self) { try NPYReader.parse(npy(shape: "(4,)", values: [1, 2, 3, 4]), path: "x") }
        #expect(throws: EmbeddingFileError.truncated(path: "x", expectedBytes: 24, foundBytes: 20)) {
            try NPYReader.parse(npy(shape: "(2, 3)", values: [1, 2, 3, 4, 5, 6], dropTail: 4), path: "x")
        }
        #expect(throws: EmbeddingFileError.self) { try NPYReader.parse(npy(shape: "(99999999999, 99999999999)", values: []), path: "x") }
        let cut = Array(npy(shape: "(1, 1)", values: [1]).prefix(20))
        #expect(throws: EmbeddingFileError.self) { try NPYReader.parse(cut, path: "x") }
    }

    @Test("Raw float32 files must hold whole rows")
    func rawFiles() throws {
        let bytes: [UInt8] = [0, 0, 128, 63, 0, 0, 0, 64]  // 1.0, 2.0
        let matrix = try RawFloat32Reader.parse(bytes, dimension: 2, path: "r.f32")
        #expect(matrix.values == [1, 2])
        #expect(throws: EmbeddingFileError.sizeNotMultiple(path: "r.f32", rowBytes: 12, foundBytes: 8)) {
            try RawFloat32Reader.parse(bytes, dimension: 3, path: "r.f32")
        }
        #expect(throws: EmbeddingFileError.self) { try RawFloat32Reader.parse(bytes, dimension: 0, path: "r.f32") }
    }

    @Test("Id lists: one id per line, invalid UTF-8 and inner blank lines named by line number")
    func idLists() throws {
        #expect(try IDListReader.parse(Array("a\r\nb\nc\n\n".utf8)) == ["a", "b", "c"])
        #expect(throws: EmbeddingFileError.invalidLine(line: 2, reason: "expected an entry id, found an empty line")) {
            try IDListReader.parse(Array("a\n\nb\n".utf8))
        }
        #expect(throws: EmbeddingFileError.self) { try IDListReader.parse([0x61, 0x0a, 0xff, 0xfe, 0x0a]) }
    }
}
