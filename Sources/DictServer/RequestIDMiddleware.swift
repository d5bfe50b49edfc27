import Foundation
package import HTTPTypes
package import Hummingbird
import Logging

/// Gives every request an id: the caller's `X-Request-ID` (or `X-Correlation-ID`) when it is a sane token,
/// otherwise a fresh UUID. The id goes into the logger metadata, the context, and the `X-Request-ID` response header.
/// Caller ids are restricted to 1–128 characters of `[A-Za-z0-9._:-]` so they cannot inject log lines or headers.
package struct RequestIDMiddleware: RouterMiddleware {
    package typealias Context = DictRequestContext

    /// The response header carrying the id.
    package static let header = HTTPField.Name("X-Request-ID")!
    /// The alternative inbound header the original also honoured.
    package static let correlationHeader = HTTPField.Name("X-Correlation-ID")!

    package init() {}

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let supplied = request.headers[Self.header] ?? request.headers[Self.correlationHeader]
        let id = supplied.flatMap { Self.isAcceptable($0) ? $0 : nil } ?? UUID().uuidString.lowercased()
        var context = context
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        var response = try await next(request, context)
        response.headers[Self.header] = id
        return response
    }

    /// Whether a caller-supplied id may be reused.
    static func isAcceptable(_ id: String) -> Bool {
        guard (1...128).contains(id.utf8.count) else { return false }
        return id.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2E || byte == 0x5F || byte == 0x3A || byte == 0x2D
        }
    }
}
