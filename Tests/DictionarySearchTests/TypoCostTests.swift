import DictTesting
import Testing
@testable import DictionarySearch


/// `TypoCost`: half an edit for the slips people make by sound or habit, a whole one for anything else; so between
/// half and twice the plain edit distance ("f" for "ph" is two plain edits for half of one).
@Suite("Typo cost")
struct TypoCostTests {
    private func cost(_ query: String, _ term: String) -> Int {
        TypoCost.halfEdits(from: Array(query.unicodeScalars), to: Array(term.unicodeScalars))
    }

    @Test func slipsBySoundCostHalfAnEdit() {
        #expect(cost("crescendo", "crescendo") == 0)
        #expect(cost("tommorow", "tomorrow") == 2)   // one letter undoubled, one doubled
        #expect(cost("rythm", "rhythm") == 1)        // silent h after r
        #expect(cost("elefant", "elephant") == 1)    // f for ph
        #expect(cost("elephant", "elefant") == 1)
        #expect(cost("betoven", "beethoven") == 2)   // "ee" undoubled and the h of "th" dropped
    }

    @Test func otherEditsCostAWholeOne() {
        #expect(cost("betoven", "betoken") == 2)     // substitution
        #expect(cost("elefant", "elegant") == 2)
        #expect(cost("cresendo", "crescendo") == 2)  // a c that doubles nothing
        #expect(cost("freind", "friend") == 2)       // transposition
        #expect(cost("", "abc") == 6)
        #expect(cost("hat", "") == 6)
    }

    @Test func boundedByTheEditDistanceAndSymmetric() {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("TypoCost seed: \(seed)")
        var generator = SeededGenerator(seed: seed)
        let alphabet: [Unicode.Scalar] = ["a", "e", "f", "h", "p", "t", "强"]
        for _ in 0..<1_000 {
            let a = (0..<Int.random(in: 0...7, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let b = (0..<Int.random(in: 0...7, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let distance = EditDistance.distance(a, b, limit: 14)!
            let halves = TypoCost.halfEdits(from: a, to: b)
            #expect(halves <= 2 * distance, "seed \(seed) \(a) \(b)")
            #expect(2 * halves >= distance, "seed \(seed) \(a) \(b)")
            #expect(halves == TypoCost.halfEdits(from: b, to: a), "symmetric: seed \(seed) \(a) \(b)")
        }
    }
}
