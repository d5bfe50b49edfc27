/// A bounds-checked little-endian cursor over the bytes of an e5 model file: every read first checks that the
/// bytes exist and throws `E5ModelFileError.truncated` naming the section otherwise, so no length or offset
/// read from the file is trusted before it is checked.
struct E5ByteReader {
    /// The whole file.
    let bytes: UnsafeRawBufferPointer
    /// The file's path, for errors.
    let path: String
    /// The next byte to read.
    private(set) var offset = 0

    init(bytes: UnsafeRawBufferPointer, path: String) {
        self.bytes = bytes
        self.path = path
    }

    /// Bytes left after `offset`.
    var remaining: Int { bytes.count - offset }

    /// Throws unless `count` bytes follow `offset`.
    func require(_ count: Int, for section: String) throws(E5ModelFileError) {
        guard count >= 0, count <= remaining else {
            throw .truncated(path: path, section: section, offset: offset, needed: count, fileBytes: bytes.count)
        }
    }

    /// The next `count` bytes as a view, advancing past them.
    mutating func slice(_ count: Int, for section: String) throws(E5ModelFileError) -> UnsafeRawBufferPointer {
        try require(count, for: section)
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    mutating func uint8(_ section: String) throws(E5ModelFileError) -> UInt8 {
        try require(1, for: section)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint16(_ section: String) throws(E5ModelFileError) -> UInt16 {
        try require(2, for: section)
        defer { offset += 2 }
        return UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    mutating func uint32(_ section: String) throws(E5ModelFileError) -> UInt32 {
        try require(4, for: section)
        defer { offset += 4 }
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func int32(_ section: String) throws(E5ModelFileError) -> Int32 {
        Int32(bitPattern: try uint32(section))
    }

    mutating func uint64(_ section: String) throws(E5ModelFileError) -> UInt64 {
        try require(8, for: section)
        defer { offset += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func float32(_ section: String) throws(E5ModelFileError) -> Float {
        Float(bitPattern: try uint32(section))
    }
}
