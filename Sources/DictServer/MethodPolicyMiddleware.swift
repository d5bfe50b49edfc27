package import Hummingbird

/// Answers requests no route can serve before they reach the router's 404:
///
/// - `CONNECT` and protocol switches (`Upgrade: websocket`, `h2c`): 400 `UPGRADE_NOT_SUPPORTED` with
///   `Connection: close`. The HTTP/1 decoder stops parsing after an upgrade request, so keeping the connection
///   would leave the client talking to a parser that no longer listens; `ConnectionGuardHandler` closes it once the
///   answer is written.
/// - a known path with a method it does not serve: 405 `METHOD_NOT_ALLOWED` with `Allow` (the router alone says 404);
///   a plain `OPTIONS` there gets 204 with `Allow` (CORS preflights are answered earlier by `CORSPolicyMiddleware`).
package struct MethodPolicyMiddleware: RouterMiddleware {
    package typealias Context = DictRequestContext

    let routes: RouteTable

    init(routes: RouteTable) {
        self.routes = routes
    }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .connect {
            throw APIError.upgradeNotSupported(found: "CONNECT")
        }
        if let upgrade = request.headers[.upgrade] {
            throw APIError.upgradeNotSupported(found: "Upgrade: \(upgrade)")
        }
        // A matched route has its template set by the router before middleware runs; only unmatched requests can
        // be a wrong method on a known path.
        guard context.endpointPath == nil else { return try await next(request, context) }
        let allowed = routes.allowedMethods(at: request.uri.path)
        guard !allowed.isEmpty else { return try await next(request, context) }
        if request.method == .options {
            return Response(status: .noContent, headers: [.allow: (allowed + ["OPTIONS"]).joined(separator: ", ")])
        }
        throw APIError.methodNotAllowed(method: request.method.rawValue, allowed: allowed)
    }
}
