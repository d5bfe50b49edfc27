package import Foundation
import DictStore
import DictionaryCore
import HTTPTypes
package import Hummingbird

/// Applies `RateLimitPolicy` per client with a `FixedWindowRateLimiter`.
///
/// Allowed responses carry `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (ISO-8601 UTC, as the
/// original); a refused request gets 429 with the same headers plus `Retry-After` (whole seconds), and its handler
/// does not run. Each request is counted once.
package struct RateLimitMiddleware: RouterMiddleware {
    package typealias Context = DictRequestContext

    static let limitHeader = HTTPField.Name("X-RateLimit-Limit")!
    static let remainingHeader = HTTPField.Name("X-RateLimit-Remaining")!
    static let resetHeader = HTTPField.Name("X-RateLimit-Reset")!

    let policy: RateLimitPolicy
    let limiter: FixedWindowRateLimiter
    let trustForwardedHeaders: Bool
    let clock: @Sendable () -> Date

    package init(
        policy: RateLimitPolicy, limiter: FixedWindowRateLimiter, trustForwardedHeaders: Bool,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.policy = policy
        self.limiter = limiter
        self.trustForwardedHeaders = trustForwardedHeaders
        self.clock = clock
    }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Preflights are answered by CORS before this; never charge them.
        guard request.method != .options,
            let bucket = policy.bucket(method: request.method.rawValue, path: request.uri.path, routeTemplate: context.endpointPath)
        else {
            return try await next(request, context)
        }
        let client = ClientIdentity.key(for: request, context: context, trustForwardedHeaders: trustForwardedHeaders)
        let now = clock()
        let decision = limiter.consume(
            client: client, bucket: bucket.name, limit: bucket.limit.limit, windowSeconds: bucket.limit.windowSeconds, now: now)
        var headers = HTTPFields()
        headers[Self.limitHeader] = String(decision.limit)
        headers[Self.remainingHeader] = String(decision.remaining)
        headers[Self.resetHeader] = ISO8601DateFormatter().string(from: decision.resetAt)
        guard decision.allowed else {
            let retryAfter = decision.retryAfterSeconds(now: now)
            headers[.retryAfter] = String(retryAfter)
            let error = APIError(
                status: .tooManyRequests, code: "RATE_LIMITED",
                message: "Too many requests: limit \(decision.limit) per \(bucket.limit.windowSeconds) s; retry in \(retryAfter) s",
                data: ["retry_after": .number(Double(retryAfter)), "limit": .number(Double(decision.limit))],
                headers: headers)
            return ErrorEnvelopeMiddleware.response(for: error, requestID: context.requestID)
        }
        var response = try await next(request, context)
        response.headers.append(contentsOf: headers)
        return response
    }
}
