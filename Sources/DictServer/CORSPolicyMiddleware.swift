package import Hummingbird

/// CORS from `ServerConfiguration.corsOrigins`.
///
/// A request whose `Origin` is in the list gets `Access-Control-Allow-Origin: <that origin>` with credentials
/// allowed; with `*` in the list any origin is allowed without credentials. An unknown origin gets **no**
/// `Access-Control-Allow-Origin` at all (the original answered with the first allowed origin, which is confusing and
/// leaks the configuration), so the browser blocks it. Preflights (`OPTIONS` with `Access-Control-Request-Method`)
/// are answered here with 204 and never reach a route. `Vary: Origin` is always set when CORS is configured so
/// caches keep per-origin answers apart.
package struct CORSPolicyMiddleware: RouterMiddleware {
    package typealias Context = DictRequestContext

    let allowedOrigins: Set<String>
    let allowsAnyOrigin: Bool

    static let allowMethods = "GET, POST, PUT, DELETE, OPTIONS"
    static let allowHeaders = "Content-Type, Authorization, X-Device-ID, X-Idempotency-Key, X-Request-ID, X-Correlation-ID"
    static let exposeHeaders = "X-Request-ID, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After, X-Generated, X-Cache"

    package init(origins: [String]) {
        allowedOrigins = Set(origins.filter { $0 != "*" })
        allowsAnyOrigin = origins.contains("*")
    }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard allowsAnyOrigin || !allowedOrigins.isEmpty else { return try await next(request, context) }
        let origin = request.headers[.origin]
        let isPreflight = request.method == .options && request.headers[.accessControlRequestMethod] != nil
        var response = isPreflight ? Response(status: .noContent) : try await next(request, context)
        response.headers[.vary] = "Origin"
        guard let origin else { return response }
        if allowedOrigins.contains(origin) {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.accessControlAllowCredentials] = "true"
        } else if allowsAnyOrigin {
            response.headers[.accessControlAllowOrigin] = "*"
        } else {
            return response
        }
        if isPreflight {
            response.headers[.accessControlAllowMethods] = Self.allowMethods
            response.headers[.accessControlAllowHeaders] = Self.allowHeaders
            response.headers[.accessControlMaxAge] = "600"
        } else {
            response.headers[.accessControlExposeHeaders] = Self.exposeHeaders
        }
        return response
    }
}
