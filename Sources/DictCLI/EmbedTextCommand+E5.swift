import ArgumentParser
import DictEmbedding
import DictionaryCore
import Foundation

/// `dict embed-text --model multilingual-e5-small`: the same command over the e5 model, whose texts carry a role
/// (query or passage) and whose JSONL lines carry an id, so outputs can be matched to reference vectors.
extension EmbedTextCommand {
    /// One input line's id as written: a string, a number, or null when absent.
    enum LineID: Encodable {
        case string(String), integer(Int), number(Double), null

        init(_ value: Any?) {
            switch value {
            case let text as String: self = .string(text)
            case let number as NSNumber:
                if let integer = Int(exactly: number.doubleValue) { self = .integer(integer) } else { self = .number(number.doubleValue) }
            default: self = .null
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case let .string(text): try container.encode(text)
            case let .integer(integer): try container.encode(integer)
            case let .number(number): try container.encode(number)
            case .null: try container.encodeNil()
            }
        }
    }

    /// One e5 output line.
    struct E5OutputLine: Encodable {
        var id: LineID
        var text: String
        var is_query: Bool
        var token_count: Int
        var embedding: [Float]

        // Written by hand so a missing id is `null` rather than omitted.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(text, forKey: .text)
            try container.encode(is_query, forKey: .is_query)
            try container.encode(token_count, forKey: .token_count)
            try container.encode(embedding, forKey: .embedding)
        }

        enum CodingKeys: String, CodingKey { case id, text, is_query, token_count, embedding }
    }

    /// One e5 input line.
    struct E5InputLine {
        var id: LineID
        var text: String
        var role: E5TextRole
    }

    /// The e5 lines of `path`: `"text"` required, `"is_query"` a boolean when present (else `defaultRole`).
    static func readE5Lines(path: String, defaultRole: E5TextRole) throws -> [E5InputLine] {
        try readObjects(path: path).map { line, fields in
            guard let text = fields["text"] as? String else {
                throw InputError(path: path, line: line, reason: "no string \"text\" key")
            }
            var role = defaultRole
            if let flag = fields["is_query"], !(flag is NSNull) {
                guard let isQuery = flag as? Bool else {
                    throw InputError(path: path, line: line, reason: "\"is_query\" is not a boolean")
                }
                role = isQuery ? .query : .passage
            }
            return E5InputLine(id: LineID(fields["id"]), text: text, role: role)
        }
    }

    func runMultilingualE5() throws {
        let lines: [E5InputLine]
        do {
            lines = try input.map { try Self.readE5Lines(path: $0, defaultRole: role) }
                ?? [E5InputLine(id: .null, text: text.joined(separator: " "), role: role)]
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
        let configuration = try compute.resolve(encoderThreads: workers)
        let embedder: MultilingualE5Embedder
        do {
            embedder = try MultilingualE5Embedder(locator: .multilingualE5(explicitPath: modelDir), workers: configuration.encoderThreads)
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }

        let encoder = JSONOutput.encoder
        if input == nil {
            do {
                let ids = embedder.tokenIDs(of: lines[0].text, role: role)
                let vector = try embedder.embed(tokenIDs: [ids])
                let data = json
                    ? try encoder.encode(E5OutputLine(id: .null, text: lines[0].text, is_query: role == .query,
                                                      token_count: ids.count, embedding: vector))
                    : try encoder.encode(vector)
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
            let width = embedder.dimension
            var start = 0
            while start < lines.count {
                let batch = lines[start..<min(start + batchSize, lines.count)]
                let ids = batch.map { embedder.tokenIDs(of: $0.text, role: $0.role) }
                let vectors = try embedder.embed(tokenIDs: ids)
                var chunk = Data()
                for (offset, line) in batch.enumerated() {
                    let vector = Array(vectors[offset * width..<(offset + 1) * width])
                    chunk.append(try encoder.encode(E5OutputLine(id: line.id, text: line.text, is_query: line.role == .query,
                                                                 token_count: ids[offset].count, embedding: vector)))
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
}
