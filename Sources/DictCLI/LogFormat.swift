import ArgumentParser

/// `dict serve --log-format`: swift-log's plain text lines, or one JSON object per line (`JSONLogHandler`).
enum LogFormat: String, CaseIterable, ExpressibleByArgument {
    case plain, json
}
