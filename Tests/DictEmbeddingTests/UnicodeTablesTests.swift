@testable import DictEmbedding
import Foundation
import Testing

/// The compiled-in character classes equal the reference tables in Fixtures/unicode_tables.json.
struct UnicodeTablesTests {
    private func fixture() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Fixtures.data("unicode_tables.json")) as? [String: Any])
    }

    private func ranges(_ value: Any?) throws -> [ClosedRange<UInt32>] {
        let pairs = try #require(value as? [[Int]])
        return pairs.map { UInt32($0[0])...UInt32($0[1]) }
    }

    @Test func rangesMatchFixture() throws {
        let tables = try fixture()
        #expect(try ranges(tables["removed"]) == BertUnicodeTables.removed)
        #expect(try ranges(tables["whitespace"]) == BertUnicodeTables.whitespace)
        #expect(try ranges(tables["punctuation"]) == BertUnicodeTables.punctuation)
        #expect(try ranges(tables["cjk"]) == BertUnicodeTables.cjk)
        #expect(try ranges(tables["marks"]) == BertUnicodeTables.marks)
        let lowercase = try #require(tables["lowercase"] as? [String: String])
        #expect(lowercase.count == BertUnicodeTables.lowercaseOverrides.count)
        for (key, value) in BertUnicodeTables.lowercaseOverrides {
            #expect(lowercase[String(key, radix: 16, uppercase: true)]?.unicodeScalars.map(\.value) == [value])
        }
    }

    @Test func lowercasingFollowsTheOverrides() {
        for (scalar, lowered) in BertUnicodeTables.lowercaseOverrides {
            var output: [UInt32] = []
            BertCharacterClass.appendLowercase(of: scalar, to: &output)
            #expect(output == [lowered])
        }
        var output: [UInt32] = []
        BertCharacterClass.appendLowercase(of: 0x41, to: &output)
        BertCharacterClass.appendLowercase(of: 0x3A3, to: &output)  // Σ → σ, never final ς
        #expect(output == [0x61, 0x3C3])
    }
}
