import ArgumentParser
import DictEmbedding
import Foundation

/// `dict embed-text`: embeds the `"text"` of every line of a JSONL file with the local model and writes one line
/// `{"embedding", "input_ids", "text"}` per input line, in order. This is how parity with other implementations
/// is checked.
struct EmbedTextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed-text",
        abstract: "Embed the \"text\" of each JSONL line with the local all-MiniLM-L6-v2 model.",
        discussion: """
            Input lines are JSON objects with a string "text" (other keys are ignored); lines are split on \\n only. \
            Each output line holds the text, its token ids ([CLS] … [SEP], at most 256) and the L2-normalized \
            384-dimensional embedding. A malformed line stops the command before anything is written (exit 3).
            """
    )

    @Option(help: "Input JSONL file, one {\"text\": …} object per line.")
    var input: String

    @Option(help: "Output JSONL file (overwritten).")
    var output: String

    @Option(name: .customLong("model-dir"), help: "Model folder (default: $DICT_MODEL_DIR, ./models/all-MiniLM-L6-v2, or next to the executable).")
    var modelDir: String?

    @Option(name: .customLong("batch-size"), help: "Texts per encoder batch.")
    var batchSize = 32

    @Option(help: "Threads encoding shards of each batch concurrently (default: $DICT_ENCODER_THREADS, else --threads).")
    var workers: Int?

    @OptionGroup var compute: ComputeOptions

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
    }

    /// One output line.
    private struct OutputLine: Encodable {
        var text: String
        var input_ids: [Int32]
        var embedding: [Float]
    }

    func run() throws {
        let texts: [String]
        do {
            texts = try Self.readTexts(path: input)
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
        let configuration = try compute.resolve(encoderThreads: workers)
        let embedder: MiniLMEmbedder
        do {
            embedder = try MiniLMEmbedder(locator: ModelLocator(explicitPath: modelDir), workers: configuration.encoderThreads)
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }

        guard FileManager.default.createFile(atPath: output, contents: nil),
              let handle = FileHandle(forWritingAtPath: output) else {
            printError("cannot write \(output)")
            throw ExitStatus.dataError
        }
        defer { try? handle.close() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            var start = 0
            while start < texts.count {
                let batch = Array(texts[start..<min(start + batchSize, texts.count)])
                let ids = batch.map(embedder.tokenIDs(of:))
                let vectors = try embedder.embed(tokenIDs: ids)
                var chunk = Data()
                for (offset, text) in batch.enumerated() {
                    let vector = Array(vectors[offset * embedder.dimension..<(offset + 1) * embedder.dimension])
                    chunk.append(try encoder.encode(OutputLine(text: text, input_ids: ids[offset], embedding: vector)))
                    chunk.append(UInt8(ascii: "\n"))
                }
                try handle.write(contentsOf: chunk)
                start += batch.count
            }
        } catch {
            printError("embedding failed: \(error)")
            throw ExitStatus.dataError
        }
    }

    /// A malformed input line.
    struct InputError: Error, CustomStringConvertible {
        var path: String
        var line: Int
        var reason: String
        var description: String { "\(path):\(line): \(reason)" }
    }

    /// The `"text"` of every line, split on "\n" only; a final empty line (after the last newline) is not a line.
    static func readTexts(path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(path: path, line: 0, reason: "cannot read file")
        }
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return try lines.enumerated().map { index, line in
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])
            } catch {
                throw InputError(path: path, line: index + 1, reason: line.isEmpty ? "empty line" : "not valid JSON")
            }
            guard let fields = object as? [String: Any] else {
                throw InputError(path: path, line: index + 1, reason: "not a JSON object")
            }
            guard let text = fields["text"] as? String else {
                throw InputError(path: path, line: index + 1, reason: "no string \"text\" key")
            }
            return text
        }
    }
}
