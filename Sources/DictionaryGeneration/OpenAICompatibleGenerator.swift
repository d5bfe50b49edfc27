import DictStore
import DictionaryCore
package import DictionaryQueues
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `DefinitionGenerator` over any OpenAI-compatible `POST {baseURL}/chat/completions` endpoint (OpenAI,
/// llama.cpp's server, vLLM, Ollama's `/v1`, …). It asks for one JSON object, parses it with
/// `GeneratedEntryParser`, scores it with `EntryQualityScorer`, and takes token counts from the response's
/// `usage` field (estimating characters / 4 only when the server sends none).
package struct OpenAICompatibleGenerator: DefinitionGenerator {
    /// The endpoint settings.
    package let configuration: GeneratorConfiguration

    /// Creates a value from its parts.
    package init(configuration: GeneratorConfiguration) {
        self.configuration = configuration
    }

    /// The configured model.
    package var modelName: String { configuration.model }
    /// The configured provider.
    package var provider: ModelProvider { configuration.provider }

    /// Language names used in the prompt.
    static let languageNames = [
        "en": "English", "es": "Spanish", "fr": "French", "de": "German",
        "zh-CN": "Simplified Chinese", "zh-TW": "Traditional Chinese",
    ]

    /// Calls the endpoint once; throws `GenerationError` (HTTP, timeout, malformed response, invalid entry).
    package func generate(term: String, lang: String) throws -> GenerationResult {
        let messages = Self.messages(term: term, lang: lang)
        let body: [String: Any] = [
            "model": configuration.model,
            "messages": messages.map { ["role": $0.role, "content": $0.content] },
            "temperature": configuration.temperature,
            "max_tokens": configuration.maxTokens,
        ]
        var request = URLRequest(url: configuration.endpoint, timeoutInterval: configuration.timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let key = configuration.apiKey, !key.isEmpty {
            request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        }
        request.httpBody = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])

        let (data, response) = try HTTPExchange.send(request, timeout: configuration.timeout)
        guard (200..<300).contains(response.statusCode) else {
            if response.statusCode == 429 {
                throw GenerationError.rateLimited(retryAfter: HTTPExchange.retryAfter(response.value(forHTTPHeaderField: "Retry-After")))
            }
            let snippet = String(decoding: data.prefix(200), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
            throw GenerationError.httpStatus(code: response.statusCode, body: snippet)
        }
        let completion = try Self.decodeCompletion(data)
        var entry = try GeneratedEntryParser.parse(completion.content, term: term)
        entry.qualityScore = EntryQualityScorer.score(entry)
        if let usage = completion.usage {
            return GenerationResult(entry: entry, promptTokens: usage.prompt, completionTokens: usage.completion, usageReported: true)
        }
        let promptCharacters = messages.reduce(0) { $0 + $1.content.count }
        return GenerationResult(
            entry: entry, promptTokens: (promptCharacters + 3) / 4, completionTokens: (completion.content.count + 3) / 4,
            usageReported: false
        )
    }

    /// Tokens a chat template may add per message (role markers, separators) and once for the reply's start;
    /// generous for every template in use (OpenAI documents 3-4 per message, Llama 3 about 5).
    static let templateTokensPerMessage = 8
    static let templateTokensPerReply = 8

    /// Prompt bound + `max_tokens`. The prompt bound is its UTF-8 byte count plus the template's tokens: the
    /// tokenizers of these models (byte-level BPE, SentencePiece with byte fallback) never make a token of less than
    /// one byte, so no prompt can have more tokens than bytes. It over-reserves (about 3.5× the real prompt), which
    /// costs concurrency near the end of a day's budget, never correctness.
    package func tokenCeiling(term: String, lang: String) -> Int {
        let messages = Self.messages(term: term, lang: lang)
        let promptBytes = messages.reduce(0) { $0 + $1.content.utf8.count + $1.role.utf8.count }
        return promptBytes + messages.count * Self.templateTokensPerMessage + Self.templateTokensPerReply + configuration.maxTokens
    }

    /// The system and user messages for `term` in `lang`. The term is JSON-quoted so it cannot break the prompt.
    static func messages(term: String, lang: String) -> [(role: String, content: String)] {
        let quoted = JSONText.encode([term]).dropFirst().dropLast()
        let language = languageNames[lang] ?? lang
        let types = GeneratedEntry.types.joined(separator: ", ")
        return [
            ("system", "You are an expert music lexicographer. Reply with one JSON object and nothing else."),
            ("user", """
                Write a dictionary entry in \(language) (\(lang)) for the music term \(quoted).
                Return a JSON object with these keys:
                "type": one of \(types);
                "concise": a 1-2 sentence definition (at most 200 characters);
                "detailed": a 3-5 sentence explanation (200-800 characters);
                "etymology": the word's origin;
                "pronunciation": IPA;
                "usage_example": one sentence using the term;
                "related_terms": an array of up to 5 related music terms.
                """),
        ]
    }

    /// The first choice's message content and the usage counts of an OpenAI-style response.
    static func decodeCompletion(_ data: Data) throws -> (content: String, usage: (prompt: Int, completion: Int)?) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw GenerationError.malformedResponse("the body is not a JSON object")
        }
        guard let choices = object["choices"] as? [Any], let first = choices.first as? [String: Any],
              let message = first["message"] as? [String: Any], let content = message["content"] as? String
        else { throw GenerationError.malformedResponse("no choices[0].message.content") }
        var usage: (Int, Int)?
        if let counts = object["usage"] as? [String: Any],
           let prompt = (counts["prompt_tokens"] as? NSNumber)?.intValue,
           let completion = (counts["completion_tokens"] as? NSNumber)?.intValue,
           prompt >= 0, completion >= 0 {
            usage = (prompt, completion)
        }
        return (content, usage)
    }
}
