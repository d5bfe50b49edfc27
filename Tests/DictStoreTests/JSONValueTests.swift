import DictStore
import Foundation
import Testing

@Suite("JSON values")
struct JSONValueTests {
    @Test func canonicalTextIgnoresKeyOrderAndRefusesWhatJSONCannotWrite() throws {
        let a = try JSONValue.parse(#"{"b": [1, 2.5, {"z": null, "a": true}], "a": "x\n"}"#)
        let b = try JSONValue.parse(#"{"a":"x\n","b":[1.0,2.5,{"a":true,"z":null}]}"#)
        #expect(try a.canonicalText() == #"{"a":"x\n","b":[1,2.5,{"a":true,"z":null}]}"#)
        #expect(try a.checksum() == b.checksum())
        #expect(throws: JSONValueError.nonFiniteNumber) { try JSONValue.number(.nan).canonicalText() }
        #expect(throws: JSONValueError.unparseable(byteCount: 6)) { try JSONValue.parse("{\"a\": ") }
        var deep: JSONValue = .null
        for _ in 0..<(JSONValue.maximumDepth + 2) { deep = .array([deep]) }
        #expect(throws: JSONValueError.tooDeep(maximumDepth: JSONValue.maximumDepth)) { try deep.canonicalText() }
    }

    @Test func literalsSubscriptsAndHashing() throws {
        let value: JSONValue = ["type": "object", "required": ["q"], "minimum": 1, "ratio": 0.5, "open": false, "none": .null]
        #expect(value == .object([
            "type": .string("object"), "required": .array([.string("q")]), "minimum": .number(1), "ratio": .number(0.5),
            "open": .bool(false), "none": .null,
        ]))
        #expect(value["type"] == .string("object"))
        #expect(value["missing"] == nil)
        #expect(JSONValue.array([])["type"] == nil)
        #expect(Set<JSONValue>([1, 1.0, "1"]).count == 2)
        #expect(value.removingKeys(["none", "ratio"]) == ["type": "object", "required": ["q"], "minimum": 1, "open": false])
        #expect([JSONValue.null, true, 1, "s", [], [:]].map(\.typeName) == ["null", "boolean", "number", "string", "array", "object"])
    }

    @Test func codableRoundTripKeepsEveryKind() throws {
        let text = #"{"a":[null,true,-2.5,"é"],"b":{"c":{}}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value == ["a": [.null, true, -2.5, "é"], "b": ["c": [:]]])
        #expect(try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(value)) == value)
    }

    /// A type that models `known` and keeps every other key, as entry types do.
    struct Modelled: Codable, Equatable {
        var known: Int
        var extras: [String: JSONValue]

        enum CodingKeys: String, CodingKey, CaseIterable { case known }

        init(from decoder: any Decoder) throws {
            known = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .known)
            extras = try decoder.unknownKeys(excluding: Set(CodingKeys.allCases.map(\.rawValue)))
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(known, forKey: .known)
            try encoder.encodeUnknownKeys(extras)
        }
    }

    @Test func unknownKeysSurviveARoundTrip() throws {
        let decoded = try JSONDecoder().decode(Modelled.self, from: Data(#"{"known":1,"zeta":[1],"alpha":{"x":null}}"#.utf8))
        #expect(decoded.known == 1)
        #expect(decoded.extras == ["zeta": [1], "alpha": ["x": .null]])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(decoded), as: UTF8.self) == #"{"alpha":{"x":null},"known":1,"zeta":[1]}"#)
    }
}
