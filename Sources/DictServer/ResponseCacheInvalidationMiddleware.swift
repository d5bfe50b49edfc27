import Hummingbird

/// Empties the response cache after every successful request that may have written (any method but GET, HEAD and
/// OPTIONS), so a client never reads its own write's old value from this server.
struct ResponseCacheInvalidationMiddleware: RouterMiddleware {
    typealias Context = DictRequestContext
    let cache: ResponseCache

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        if cache.isEnabled, ![.get, .head, .options].contains(request.method), response.status.code < 400 {
            cache.removeAll()
        }
        return response
    }
}
