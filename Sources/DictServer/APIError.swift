package import DictStore
package import Hummingbird

/// Every failure a route reports to a client: an HTTP status, a stable machine code, a human message (the web
/// client shows `error`) and optional extra data (404 suggestions) or headers (429 `Retry-After`).
/// `ErrorEnvelopeMiddleware` turns it into `{success:false, error, code, request_id, data?}`.
package struct APIError: Error, Sendable {
    /// Response status.
    package var status: HTTPResponse.Status
    /// Stable code: `VALIDATION_ERROR`, `MALFORMED_REQUEST`, `UPGRADE_NOT_SUPPORTED`, `NOT_FOUND`,
    /// `METHOD_NOT_ALLOWED`, `PAYLOAD_TOO_LARGE`, `UNSUPPORTED_MEDIA_TYPE`, `RATE_LIMITED`, `SERVICE_UNAVAILABLE`,
    /// `INTERNAL_ERROR`.
    package var code: String
    /// What went wrong, for people.
    package var message: String
    /// Extra machine-readable detail under `data`.
    package var data: JSONValue?
    /// Headers to add to the response.
    package var headers: HTTPFields

    package init(status: HTTPResponse.Status, code: String, message: String, data: JSONValue? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.data = data
        self.headers = headers
    }

    /// 400: a parameter or body field is missing, malformed or out of range.
    package static func validation(_ message: String) -> APIError {
        APIError(status: .badRequest, code: "VALIDATION_ERROR", message: message)
    }

    /// 404 for a missing resource, with optional detail (`suggestions` for terms).
    package static func notFound(_ message: String, data: JSONValue? = nil) -> APIError {
        APIError(status: .notFound, code: "NOT_FOUND", message: message, data: data)
    }

    /// 404 for a path no route matches.
    package static let unknownRoute = APIError(status: .notFound, code: "NOT_FOUND", message: "The requested endpoint does not exist")

    /// 413: the body is larger than `limit` bytes.
    package static func payloadTooLarge(limit: Int) -> APIError {
        APIError(status: .contentTooLarge, code: "PAYLOAD_TOO_LARGE", message: "Request body exceeds \(limit) bytes")
    }

    /// 400 with `Connection: close`: the request's framing is broken (a malformed chunk-size line, an invalid header
    /// block), so nothing after it on the connection can be parsed reliably.
    package static func malformedRequest(detail: String) -> APIError {
        APIError(
            status: .badRequest, code: "MALFORMED_REQUEST",
            message: "Malformed HTTP request: expected valid HTTP/1.1 framing, found \(detail)", headers: [.connection: "close"])
    }

    /// 405 with `Allow`: the path exists but not for this method.
    package static func methodNotAllowed(method: String, allowed: [String]) -> APIError {
        APIError(
            status: .methodNotAllowed, code: "METHOD_NOT_ALLOWED",
            message: "Method \(method.prefix(20)) is not allowed here; expected one of \(allowed.joined(separator: ", "))",
            data: ["allowed": .array(allowed.map { .string($0) })], headers: [.allow: allowed.joined(separator: ", ")])
    }

    /// 400 with `Connection: close`: a protocol switch (`Upgrade: websocket`, `h2c`) or a `CONNECT` tunnel was asked
    /// for; this service speaks plain HTTP/1.1 only, and the connection is closed after the answer.
    package static func upgradeNotSupported(found: String) -> APIError {
        APIError(
            status: .badRequest, code: "UPGRADE_NOT_SUPPORTED",
            message: "Protocol upgrades and tunnels are not supported: expected a plain HTTP/1.1 request, found \(found.prefix(40))",
            headers: [.connection: "close"])
    }

    /// 415: the body is not `expected`.
    package static func unsupportedMediaType(expected: String, found: String?) -> APIError {
        APIError(
            status: .unsupportedMediaType, code: "UNSUPPORTED_MEDIA_TYPE",
            message: "Content-Type must be \(expected), found \(found.map { "'\($0)'" } ?? "none")")
    }

    /// 503: a dependency (the database) cannot answer.
    package static func unavailable(_ message: String) -> APIError {
        APIError(status: .serviceUnavailable, code: "SERVICE_UNAVAILABLE", message: message)
    }

    /// 500 with a generic message; the cause is logged with the request id, never sent to the client.
    package static let internalError = APIError(status: .internalServerError, code: "INTERNAL_ERROR", message: "Internal server error")
}
