package import Foundation

/// Reads an input file, where `-` means standard input (so `dict export --output - | dict import entries -` works).
package enum InputFile {
    /// The name `-` stands for.
    package static let standardInputName = "-"

    /// The bytes of `path`, or of standard input for `-`; nil when the file cannot be read.
    package static func contents(of path: String) -> Data? {
        path == standardInputName ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
    }

    /// As `contents(of:)`, throwing Foundation's reason when the file cannot be read.
    package static func read(_ path: String) throws -> Data {
        if path == standardInputName { return FileHandle.standardInput.readDataToEndOfFile() }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }
}
