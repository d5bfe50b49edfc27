import Foundation

/// The canonical spelling of a request path: percent-escapes decoded, empty and `.` segments dropped, `..` applied.
///
/// Hummingbird's router ignores empty segments (`//api/v1/search/` reaches `/api/v1/search`), so anything that
/// decides by path before or beside the router (the rate limiter's "is this under `/api`?", the 405 check) must
/// look at the same canonical form, or a non-canonical spelling slips past it.
enum CanonicalPath {
    /// `rawPath` in canonical form, always starting with `/` (`/` for an empty path). A path whose escapes do not
    /// decode to UTF-8 is kept undecoded (it still has its empty and dot segments removed).
    static func normalize(_ rawPath: String) -> String {
        let decoded = rawPath.removingPercentEncoding ?? rawPath
        return "/" + segments(of: decoded).joined(separator: "/")
    }

    /// The non-empty segments of an already decoded path, with `.` dropped and `..` removing its parent.
    static func segments(of path: String) -> [Substring] {
        var result: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = result.popLast()
            default: result.append(segment)
            }
        }
        return result
    }

    /// Whether `rawPath`, canonically spelled, is `/api` or lies under it.
    static func isAPI(_ rawPath: String) -> Bool {
        let path = normalize(rawPath)
        return path == "/api" || path.hasPrefix("/api/")
    }
}
