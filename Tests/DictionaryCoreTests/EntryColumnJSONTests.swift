import DictStore
import DictTesting
import Foundation
import Testing
@testable import DictionaryCore

/// The fast column reader must give exactly what `JSONDecoder` gives, or step aside (nil) so `JSONDecoder` decides.
@Suite("Entry column JSON")
struct EntryColumnJSONTests {
    /// Checks one text for every column type; returns how many types the fast reader accepted.
    @discardableResult
    static func agree(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Int {
        func check<T: Decodable & Equatable>(_ type: T.Type) -> Int {
            let slow = try? JSONDecoder().decode(T.self, from: Data(text.utf8))
            guard let fast = EntryRow.fastColumn(T.self, text) else { return 0 }
            #expect(slow == fast, "\(T.self) of \(text)", sourceLocation: sourceLocation)
            return 1
        }
        return check(EntryDefinition.self) + check(EntryMetadata.self) + check(QualityScore.self) + check([String: JSONValue].self)
    }

    @Test func storedShapesTakeTheFastPathAndAgree() {
        let texts = [
            "{}",
            #"{"concise":"Fast, quick and bright.","senses":[{"pos":"adj","gloss":"quick","examples":["a \"fast\" car"],"frequency":12}]}"#,
            #"{"senses":[{"pos":"n","gloss":"a house","examples":[]},{"pos":"v","gloss":"to shelter","frequency":0}],"translations":{"de":"Haus"}}"#,
            #"{"pronunciation":{"ipa":"ˈhaʊs","syllables":["house"],"audio_url":"https:\/\/x.test\/a.mp3"},"wn_offset":"n0123"}"#,
            #"{"categories":["noun.act"],"search_frequency":3539,"created_by":"wordnet-3.0","synonyms":["firm","home"],"extra":{"a":[1,2.5,true,null]}}"#,
            #"{"overall":92,"definition_clarity":80.5,"human_verified":false,"improvement_suggestions":["x"]}"#,
            #"{"source":"wordnet","n":-0,"big":12345678901234567890,"e":1e3,"s":"\u00e9\ud83c\udfb5\n\t\\"}"#,
            "  {\"concise\" : \"spaced\" ,\n\"detailed\":null}  ",
        ]
        for text in texts {
            #expect(Self.agree(text) >= 3, "fast path not taken for \(text)")
        }
    }

    @Test func unusualTextIsLeftToJSONDecoder() {
        let texts = [
            "", "[]", "null", "{", "{\"a\":}", "{\"a\":1,}", "{\"a\":1}x", #"{"a":1,"a":2}"#, #"{"search_frequency":3.0}"#,
            #"{"search_frequency":1e2}"#, #"{"search_frequency":"12"}"#, #"{"overall":"high"}"#, #"{"synonyms":["a",1]}"#,
            #"{"senses":[{"pos":"n"}]}"#, #"{"senses":{"pos":"n","gloss":"g"}}"#, #"{"pronunciation":"ipa"}"#,
            #"{"concise":"\x"}"#, #"{"concise":"\ud800"}"#, #"{"concise":"\udc00x"}"#, "{\"concise\":\"a\u{01}b\"}",
            #"{"n":01}"#, #"{"n":-}"#, #"{"n":1.}"#, #"{"n":.5}"#, #"{"human_verified":1}"#, #"{"n":1e999}"#,
            String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
            "{\"a\":" + String(repeating: "[", count: 80) + String(repeating: "]", count: 80) + "}",
        ]
        for text in texts { Self.agree(text) }
        // Refusals the fast reader must make itself (JSONDecoder accepts these, so the cost stays correct, not wrong).
        #expect(EntryRow.fastColumn(EntryMetadata.self, #"{"search_frequency":3.0}"#) == nil)
        #expect(EntryRow.fastColumn(EntryMetadata.self, #"{"a":1,"a":2}"#) == nil)
        #expect(EntryRow.fastColumn(EntryDefinition.self, #"{"senses":[{"pos":"n"}]}"#) == nil)
    }

    @Test func generatedEntriesRoundTripThroughTheFastPath() throws {
        var random = SeededGenerator(seed: 20261203)
        let alphabet = Array("aé漸 \"\\/\n\t\u{1F3B5}\u{0}'<>&xyz0123")
        func text(_ length: Int) -> String { String((0..<length).map { _ in alphabet.randomElement(using: &random)! }) }
        for _ in 0..<300 {
            var definition = EntryDefinition(concise: Bool.random(using: &random) ? text(12) : nil, detailed: text(30))
            definition.senses = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                EntryDefinition.Sense(pos: text(1), gloss: text(20), examples: [text(8)],
                                      frequency: Bool.random(using: &random) ? Int.random(in: -5...100_000, using: &random) : nil)
            }
            definition.extras = [text(4): .number(Double(Int.random(in: -1000...1000, using: &random)) / 8), "flag": .bool(true)]
            var metadata = EntryMetadata(synonyms: [text(5), text(6)], difficultyLevel: text(3))
            metadata.searchFrequency = Int.random(in: 0...1_000_000, using: &random)
            metadata.extras = ["nested": .object(["k": .array([.string(text(4)), .null])])]
            var score = QualityScore(overall: Double(Int.random(in: 0...1000, using: &random)) / 10, humanVerified: Bool.random(using: &random))
            score.userSatisfaction = Double.random(in: 0...100, using: &random)
            for encoded in [try EntryRow.encode(definition), try EntryRow.encode(metadata), try EntryRow.encode(score)] {
                #expect(Self.agree(encoded) >= 1)
            }
            #expect(EntryRow.fastColumn(EntryDefinition.self, try EntryRow.encode(definition)) == definition)
            #expect(EntryRow.fastColumn(EntryMetadata.self, try EntryRow.encode(metadata)) == metadata)
            #expect(EntryRow.fastColumn(QualityScore.self, try EntryRow.encode(score)) == score)
        }
    }
}
