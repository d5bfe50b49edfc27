package import Foundation

/// The one timestamp format of every database: ISO-8601 UTC with milliseconds and a `Z`
/// (`2026-11-24T16:24:53.123Z`), which sorts correctly as text. Column defaults produce the same form with
/// `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`.
package enum Timestamp {
    /// The current time in the stored format.
    package static func now() -> String { format(Date()) }

    /// `date` in the stored format.
    package static func format(_ date: Date) -> String {
        let millisTotal = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = millisTotal.floorDiv(1000)
        let millis = Int(millisTotal - seconds * 1000)
        let (y, m, d, hh, mm, ss) = civil(fromUnixSeconds: seconds)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", y, m, d, hh, mm, ss, millis)
    }

    /// The UTC calendar day (`YYYY-MM-DD`) of `date`.
    package static func day(_ date: Date) -> String { String(format(date).prefix(10)) }

    /// Parses the stored format (and the same without milliseconds) back to a date.
    package static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// Howard Hinnant's days-from-civil inverse: exact for every Int64 second, no locale or calendar objects.
    private static func civil(fromUnixSeconds seconds: Int64) -> (Int, Int, Int, Int, Int, Int) {
        let days = seconds.floorDiv(86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let z = days + 719_468
        let era = z.floorDiv(146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day), secondOfDay / 3600, (secondOfDay % 3600) / 60, secondOfDay % 60)
    }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    fileprivate func floorDiv(_ divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
