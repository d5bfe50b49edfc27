/// The documented routes as (method, template) pairs, for answering what the router alone cannot: which methods a
/// path allows when the request's method has no handler there (405 with `Allow` instead of the router's 404).
///
/// Matching follows Hummingbird's trie on what matters here: empty segments are ignored, `{name}` matches any one
/// segment, everything else matches literally (escapes and dot segments are not resolved, as the router does not). Built from `APICatalog.operations`, which a test keeps equal to the
/// registered routes.
struct RouteTable: Sendable {
    private struct Route: Sendable {
        let method: String
        let segments: [String]
    }

    private let routes: [Route]

    init(operations: [APIOperation]) {
        routes = operations.map { operation in
            Route(method: operation.method.uppercased(), segments: operation.path.split(separator: "/").map(String.init))
        }
    }

    /// The methods some route serves at `rawPath` (sorted; `HEAD` wherever `GET` is, as the router answers it),
    /// empty when no route has this path.
    func allowedMethods(at rawPath: String) -> [String] {
        let segments = rawPath.split(separator: "/", omittingEmptySubsequences: true)
        var methods = Set<String>()
        for route in routes where Self.matches(route.segments, segments) {
            methods.insert(route.method)
            if route.method == "GET" { methods.insert("HEAD") }
        }
        return methods.sorted()
    }

    private static func matches(_ template: [String], _ segments: [Substring]) -> Bool {
        guard template.count == segments.count else { return false }
        return zip(template, segments).allSatisfy { pattern, segment in
            (pattern.hasPrefix("{") && pattern.hasSuffix("}")) || pattern == segment
        }
    }
}
