import Foundation
package import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

/// Turns every error a route throws into the JSON error envelope (`ErrorEnvelope`) with the right status:
/// `APIError` as it is; Hummingbird's `HTTPError` by status (unknown route → 404 `NOT_FOUND`, oversized body → 413,
/// bad request → 400); `DecodingError` → 400 `VALIDATION_ERROR` naming the field; a chunked body over the limit
/// (`NIOTooManyBytesError`) → 413; broken framing (`HTTPParserError`) → 400 `MALFORMED_REQUEST` with
/// `Connection: close`. Nothing a client sends can reach the last case: anything else → 500
/// `INTERNAL_ERROR` with a generic message, the cause logged with the request id.
package struct ErrorEnvelopeMiddleware: RouterMiddleware {
    package typealias Context = DictRequestContext

    package init() {}

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let apiError = Self.apiError(for: error, context: context)
            // Unexpected failures are logged with their cause; expected ones (400s, 404s, 503 without a model) are not.
            if apiError.code == APIError.internalError.code {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))", "route": "\(context.endpointPath ?? "-")"])
            }
            return Self.response(for: apiError, requestID: context.requestID)
        }
    }

    /// The `APIError` that represents `error`.
    static func apiError(for error: any Error, context: Context) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as HTTPError:
            switch error.status {
            case .notFound where context.endpointPath == "NotFound" || context.endpointPath == nil:
                return .unknownRoute
            case .contentTooLarge:
                return .payloadTooLarge(limit: context.maxBodyBytes)
            case .badRequest:
                return .validation(error.body ?? "Bad request")
            case .unsupportedMediaType:
                return APIError(status: error.status, code: "UNSUPPORTED_MEDIA_TYPE", message: error.body ?? "Unsupported media type")
            default:
                return APIError(status: error.status, code: "HTTP_ERROR", message: error.body ?? error.status.reasonPhrase)
            }
        case let error as DecodingError:
            return .validation(Self.describe(error))
        case is NIOTooManyBytesError:
            // A chunked body has no Content-Length, so only collecting it finds it too large.
            return .payloadTooLarge(limit: context.maxBodyBytes)
        case let error as HTTPParserError:
            // Broken framing inside the body (a malformed chunk-size line, say): the client's fault, and the
            // connection cannot be trusted to carry another request.
            return .malformedRequest(detail: "\(error)")
        default:
            return .internalError
        }
    }

    /// A JSON error response for `error`.
    package static func response(for error: APIError, requestID: String) -> Response {
        let envelope = ErrorEnvelope(error: error.message, code: error.code, requestID: requestID.isEmpty ? nil : requestID, data: error.data)
        let body = (try? DictRequestContext.makeEncoder().encode(envelope)) ?? Data(#"{"success":false,"error":"Internal server error","code":"INTERNAL_ERROR"}"#.utf8)
        var headers = error.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// A one-line explanation of a JSON decoding failure naming the field path, without echoing the input.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let components = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return components.isEmpty ? "body" : components.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let context): return "Invalid JSON: \(path(context)) must be \(type)"
        case .valueNotFound(let type, let context): return "Invalid JSON: \(path(context)) must be a non-null \(type)"
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "Invalid JSON: missing field \(parent == "body" ? "" : parent + ".")\(key.stringValue)"
        case .dataCorrupted(let context): return "Invalid JSON: malformed \(path(context))"
        @unknown default: return "Invalid JSON body"
        }
    }
}
