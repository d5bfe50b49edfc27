import DictMigrations
import DictStore
import DictTesting
import Foundation
import Testing
@testable import DictionaryCore
@testable import DictionarySearch


/// Issue 14, item 14: where a query's words are marked in a hit's term and definition.
@Suite struct SearchHighlighterTests {
    static func html(_ query: String, _ text: String, inTerm: Bool = false) -> String {
        SearchHighlighter(query: query).highlight(text, inTerm: inTerm).html
    }

    @Test func matchesIgnoreCaseAndAccents() {
        #expect(Self.html("fur elise", "Für Elise, a bagatelle") == "<mark>Für</mark> <mark>Elise</mark>, a bagatelle")
        #expect(Self.html("CRÈME", "creme brulee") == "<mark>creme</mark> brulee")
        #expect(Self.html("creme", "Crème brûlée") == "<mark>Crème</mark> brûlée")
        #expect(Self.html("strasse", "Die Straße") == "Die <mark>Straße</mark>")
        #expect(Self.html("οδος", "ΟΔΟΣ") == "<mark>ΟΔΟΣ</mark>")
    }

    @Test func onlyTheLastWordMatchesAsAPrefix() {
        #expect(Self.html("gradually loud", "Gradually getting louder.") == "<mark>Gradually</mark> getting <mark>loud</mark>er.")
        #expect(Self.html("grad louder", "Gradually getting louder.") == "Gradually getting <mark>louder</mark>.")
        // A one-letter last word is not a prefix query (QueryText.minimumPrefixLength).
        #expect(Self.html("l", "Loud") == "Loud")
    }

    @Test func stopWordsAreNotMarkedUnlessTheQueryHasNothingElse() {
        #expect(Self.html("the louder", "the louder one") == "the <mark>louder</mark> one")
        #expect(Self.html("the", "the louder one") == "<mark>the</mark> louder one")
    }

    @Test func cjkWordsMatchInsideRunsOfIdeographs() {
        #expect(Self.html("渐强", "音量渐强的记号") == "音量<mark>渐强</mark>的记号")
        #expect(Self.html("渐强", "渐强", inTerm: true) == "<mark>渐强</mark>")
        #expect(Self.html("漸強", "音量渐强") == "音量渐强")
    }

    @Test func theTermMarksTheQueryAsASubstring() {
        #expect(Self.html("scendo", "decrescendo", inTerm: true) == "decre<mark>scendo</mark>")
        #expect(Self.html("cresc", "Crescendo", inTerm: true) == "<mark>Cresc</mark>endo")
        // Two letters inside a word mean nothing (the contains tier needs three); at its start they are a prefix.
        #expect(Self.html("re", "decrescendo", inTerm: true) == "decrescendo")
        #expect(Self.html("de", "decrescendo", inTerm: true) == "<mark>de</mark>crescendo")
        #expect(Self.html("sul pont", "sul ponticello", inTerm: true) == "<mark>sul pont</mark>icello")
    }

    @Test func htmlIsEscapedAroundAndInsideMarks() {
        #expect(Self.html("loud", #"<b>loud</b> & "soft" 'x'"#)
            == "&lt;b&gt;<mark>loud</mark>&lt;/b&gt; &amp; &quot;soft&quot; &#39;x&#39;")
        #expect(Self.html("<script>", "<script>alert(1)</script>")
            == "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;")
        #expect(Self.html("a&b", "a&b", inTerm: true) == "<mark>a&amp;b</mark>")
    }

    @Test func noMatchLeavesThePlainText() {
        let marked = SearchHighlighter(query: "zzzqqq").highlight("Gradually getting louder.")
        #expect(!marked.hasMatch)
        #expect(marked.html == "Gradually getting louder.")
        #expect(marked.plain == "Gradually getting louder.")
        #expect(SearchHighlighter(query: "").highlight("x < y", inTerm: true).html == "x &lt; y")
    }

    @Test func longDefinitionsAreCroppedAroundTheFirstMatch() throws {
        let before = String(repeating: "lorem ipsum ", count: 30)
        let after = String(repeating: " dolor sit amet", count: 30)
        let text = before + "fortissimo" + after
        let cropped = SearchHighlighter.crop(SearchHighlighter(query: "fortissimo").highlight(text))
        let plain = cropped.plain
        #expect(plain.hasPrefix("…") && plain.hasSuffix("…"), "\(plain)")
        #expect(plain.count <= SearchHighlighter.fragmentLength + 2)
        #expect(cropped.html.contains("<mark>fortissimo</mark>"))
        // Context before the match, starting on a word.
        let lead = try #require(plain.dropFirst().components(separatedBy: "fortissimo").first)
        #expect(lead.count <= SearchHighlighter.contextBefore && lead.count > 10)
        #expect(lead.first == "l" || lead.first == "i", "\(lead)")
        // No match: the start of the text; short text: unchanged.
        let unmatched = SearchHighlighter.crop(SearchHighlighter(query: "zzz").highlight(text)).plain
        #expect(unmatched.hasPrefix("lorem ipsum") && unmatched.hasSuffix("…") && unmatched.count <= SearchHighlighter.fragmentLength + 1)
        #expect(SearchHighlighter.crop(SearchHighlighter(query: "x").highlight("short")).plain == "short")
    }

    @Test(arguments: DatabaseKind.allCases)
    func anEntryShowsTheFirstDefinitionTextThatMatches(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        var definition = EntryDefinition()
        definition.concise = "A musical direction."
        definition.senses = [.init(pos: "n", gloss: "a gradual increase in loudness"), .init(pos: "n", gloss: "the loudest part")]
        let entry = try EntryRepository(database: database).create(EntryDraft(term: "Crescendo", type: .dynamics, definition: definition))
        let highlight = SearchHighlighter(query: "cresc loudness").highlight(entry)
        #expect(highlight.term.html == "Crescendo")  // "cresc" is not the last word, so not a prefix
        #expect(highlight.definition.html == "a gradual increase in <mark>loudness</mark>")
        let none = SearchHighlighter(query: "zzz").highlight(entry)
        #expect(none.definition.html == "A musical direction." && !none.term.hasMatch)
    }
}
