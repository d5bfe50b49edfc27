import Foundation

/// Progress for long CLI jobs (imports, embedding): a redrawn bar with rate and ETA on a terminal, plain
/// periodic lines otherwise (pipes, CI logs). Writes to standard error so `--json` output stays clean.
final class ProgressReporter {
    private let label: String
    private let total: Int?
    private let isTerminal: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var lastPlainPercent = -1
    private(set) var done = 0

    init(label: String, total: Int?, quiet: Bool = false) {
        self.label = label
        self.total = total
        isTerminal = !quiet && isatty(STDERR_FILENO) == 1
        self.quiet = quiet
    }

    private let quiet: Bool

    /// Adds `count` finished units and redraws at most ten times a second.
    func advance(by count: Int = 1) {
        done += count
        guard !quiet else { return }
        let now = Date()
        if isTerminal {
            guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
            lastDraw = now
            write("\r" + line(now: now) + "\u{1B}[K")
        } else if let total, total > 0 {
            let percent = done * 100 / total
            guard percent / 10 > lastPlainPercent / 10 else { return }
            lastPlainPercent = percent
            write(line(now: now) + "\n")
        }
    }

    /// Prints the final line.
    func finish() {
        guard !quiet, isTerminal || lastPlainPercent < 100 else { return }
        write((isTerminal ? "\r" : "") + line(now: Date()) + (isTerminal ? "\u{1B}[K" : "") + "\n")
    }

    private func line(now: Date) -> String {
        let elapsed = max(now.timeIntervalSince(start), 1e-9)
        let rate = Double(done) / elapsed
        let rateText = rate >= 100 ? String(format: "%.0f/s", rate) : String(format: "%.1f/s", rate)
        guard let total, total > 0 else { return "\(label): \(done) done, \(rateText)" }
        let fraction = min(1, Double(done) / Double(total))
        let width = 28
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let remaining = rate > 0 ? Double(max(0, total - done)) / rate : 0
        return String(format: "%@ [%@] %d/%d %3.0f%% %@ ETA %@", label, bar, done, total, fraction * 100, rateText, Self.duration(remaining))
    }

    private static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) : String(format: "%dm%02ds", s / 60, s % 60)
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
