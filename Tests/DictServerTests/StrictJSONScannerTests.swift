@testable import DictServer
import Testing

@Suite("Strict JSON scanner")
struct StrictJSONScannerTests {
    func scan(_ text: String) throws(StrictJSONScanner.Violation) {
        try StrictJSONScanner().scan(Array(text.utf8))
    }

    @Test(arguments: [
        #"{"terms":["a","b"],"lang":"en","include_related":true}"#,
        #"{"a":{"x":1},"b":{"x":2},"c":[{"x":1},{"x":2}]}"#,  // the same key in sibling objects is fine
        #"{"text":"line\nbreak \"quoted\" \\ \u00e9 \ud83c\udfb9"}"#,
        #"[1, 2, {"k": "v"}]"#, "", "not json at all", #"{"unterminated": "#,
    ])
    func acceptsOrdinaryAndLeavesGrammarToTheDecoder(body: String) throws {
        try scan(body)
    }

    @Test func findsDuplicateKeysAtAnyDepthAndThroughEscapes() {
        #expect(throws: StrictJSONScanner.Violation.duplicateKey(key: "terms", path: "body")) { try scan(#"{"terms":[],"terms":[]}"#) }
        #expect(throws: StrictJSONScanner.Violation.duplicateKey(key: "a", path: "outer")) { try scan(#"{"outer":{"a":1,"\u0061":2}}"#) }
        #expect(throws: StrictJSONScanner.Violation.duplicateKey(key: "k", path: "list[1]")) { try scan(#"{"list":[{"k":1},{"k":1,"k":2}]}"#) }
    }

    @Test func findsNULAndOverlongStringsAndDeepNesting() {
        #expect(throws: StrictJSONScanner.Violation.nulCharacter(path: "terms[1]")) { try scan(#"{"terms":["ok","a\u0000b"]}"#) }
        #expect(throws: StrictJSONScanner.Violation.nulCharacter(path: "body")) { try scan(#"{"ke\u0000y":1}"#) }
        let long = String(repeating: "é", count: 2_001)  // 4,002 bytes
        #expect(throws: StrictJSONScanner.Violation.stringTooLong(path: "feedback_text", maximum: 4_000)) { try scan(#"{"feedback_text":"\#(long)"}"#) }
        #expect(throws: StrictJSONScanner.Violation.tooDeep(maximum: 32)) { try scan(String(repeating: "[", count: 100_000)) }
    }
}
