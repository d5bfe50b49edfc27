package import Hummingbird

/// Enforces `ServerConfiguration.maxRequestBodyBytes`: a declared `Content-Length` above the limit is refused with
/// 413 before any byte is read, and the limit is handed to handlers (via the context) so a chunked body is cut off
/// at the same size while it is collected.
package struct RequestBodyLimitMiddleware: RouterMiddleware {
    package typealias Context = DictRequestContext

    let maxBytes: Int

    package init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > maxBytes {
            return ErrorEnvelopeMiddleware.response(for: .payloadTooLarge(limit: maxBytes), requestID: context.requestID)
        }
        var context = context
        context.maxBodyBytes = maxBytes
        return try await next(request, context)
    }
}
