import DictStore
import Foundation
import Testing

@Suite("Timestamps")
struct TimestampTests {
    @Test("The stored format is ISO-8601 UTC with milliseconds and Z, and round-trips")
    func format() throws {
        let date = Date(timeIntervalSince1970: 1_795_537_493.123)
        let text = Timestamp.format(date)
        #expect(text == "2026-11-24T16:24:53.123Z")
        let parsed = try #require(Timestamp.parse(text))
        #expect(abs(parsed.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.001)
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        #expect(Timestamp.day(date) == "2026-11-24")
    }

    @Test("Text order is time order, unlike the original's mixed formats")
    func sortsAsText() {
        let earlier = Timestamp.format(Date(timeIntervalSince1970: 1_795_537_493))
        let later = Timestamp.format(Date(timeIntervalSince1970: 1_795_537_494))
        #expect(earlier < later)
    }
}
