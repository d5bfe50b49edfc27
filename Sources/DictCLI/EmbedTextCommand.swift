import ArgumentParser
import DictEmbedding
import DictionaryCore
import Foundation

/// `dict embed-text`: embeds text given as arguments (`dict embed-text "some text"`, like `llm embed -c`) and prints
/// the vector as JSON, or embeds the `"text"` of every line of a JSONL file with the local model and writes one line
/// `{"embedding", "input_ids", "text"}` per input line, in order (how parity with other implementations is checked).
struct EmbedTextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed-text",
        abstract: "Embed text with a local model (all-MiniLM-L6-v2 by default): arguments, or each JSONL line's \"text\".",
        discussion: """
            With TEXT arguments (joined by spaces), prints the L2-normalized 384-dimensional vector as one JSON array \
            (--json: {"text", "input_ids", "embedding"}). With --input, reads JSONL (- is standard input). \
            Input lines are JSON objects with a string "text" (other keys are ignored); lines are split on \\n only. \
            Each output line holds the text, its token ids ([CLS] … [SEP], at most 256) and the L2-normalized \
            384-dimensional embedding. A malformed line stops the command before anything is written (exit 3).

            With --model multilingual-e5-small, each text is embedded as "query: TEXT" or "passage: TEXT" (the model \
            card's prefixes): input lines are {"id", "text", "is_query"} ("is_query" absent: --role decides) and output \
            lines {"id", "text", "is_query", "token_count", "embedding"}, where token_count counts <s>, </s> and the \
            prefix; texts over 512 tokens are truncated to their head.
            """
    )

    @Argument(help: "Text to embed (words are joined by spaces); instead of --input.")
    var text: [String] = []

    @Option(help: "Input JSONL file, one {\"text\": …} object per line; - for standard input.", completion: .file(extensions: ["jsonl"]))
    var input: String?

    @Option(help: "Output JSONL file (overwritten); - or absent for standard output.", completion: .file())
    var output: String?

    @Flag(help: "With TEXT: print {\"text\", \"input_ids\", \"embedding\"} instead of the bare vector.")
    var json = false

    @Option(name: .customLong("model-dir"), help: "Model folder (default: $DICT_MODEL_DIR, ./models/all-MiniLM-L6-v2, or next to the executable; for multilingual-e5-small $DICT_E5_MODEL_DIR, ./models/multilingual-e5-small).")
    var modelDir: String?

    @Option(help: "The model: \(EmbedTextModel.allCases.map(\.rawValue).joined(separator: " or ")).")
    var model: EmbedTextModel = .miniLM

    @Option(help: "multilingual-e5-small only: the prefix for TEXT and for lines without \"is_query\": query or passage.")
    var role: E5TextRole = .query

    @Option(name: .customLong("batch-size"), help: "Texts per encoder batch.")
    var batchSize = 32

    @Option(help: "Threads encoding shards of each batch concurrently (default: $DICT_ENCODER_THREADS, else --threads).")
    var workers: Int?

    @OptionGroup var compute: ComputeOptions

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        guard text.isEmpty != (input == nil) else {
            throw ValidationError(text.isEmpty ? "give the text to embed, or --input FILE" : "give either TEXT or --input, not both")
        }
    }

    /// One output line.
    private struct OutputLine: Encodable {
        var text: String
        var input_ids: [Int32]
        var embedding: [Float]
    }

    func run() throws {
        if model == .multilingualE5 { return try runMultilingualE5() }
        let texts: [String]
        do {
            texts = try input.map { try Self.readTexts(path: $0) } ?? [text.joined(separator: " ")]
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

        let encoder = JSONOutput.encoder
        if input == nil {
            do {
                let ids = embedder.tokenIDs(of: texts[0])
                let vector = try embedder.embed(tokenIDs: [ids])
                let data = json ? try encoder.encode(OutputLine(text: texts[0], input_ids: ids, embedding: vector)) : try encoder.encode(vector)
                print(String(decoding: data, as: UTF8.self))
            } catch {
                printError("embedding failed: \(error)")
                throw ExitStatus.dataError
            }
            return
        }
        let handle = try outputHandle()
        defer { if handle !== FileHandle.standardOutput { try? handle.close() } }
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
        try readObjects(path: path).map { line, fields in
            guard let text = fields["text"] as? String else {
                throw InputError(path: path, line: line, reason: "no string \"text\" key")
            }
            return text
        }
    }

    /// Every line as a JSON object with its 1-based line number, split on "\n" only; a final empty line (after the
    /// last newline) is not a line.
    static func readObjects(path: String) throws -> [(line: Int, fields: [String: Any])] {
        guard let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path) else {
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
            return (index + 1, fields)
        }
    }

    /// Where vectors go: `--output PATH` (created or truncated), or standard output for none or `-`.
    func outputHandle() throws -> FileHandle {
        guard let output, output != "-" else { return FileHandle.standardOutput }
        guard FileManager.default.createFile(atPath: output, contents: nil), let file = FileHandle(forWritingAtPath: output) else {
            printError("cannot write \(output)")
            throw ExitStatus.dataError
        }
        return file
    }
}
