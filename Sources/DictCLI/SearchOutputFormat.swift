import ArgumentParser

/// `dict search --format`: an aligned table for people, or JSON (one object), JSON Lines (one result per line)
/// or CSV (a header row, one result per row) for programs.
enum SearchOutputFormat: String, CaseIterable, ExpressibleByArgument {
    case table, json, jsonl, csv
}
