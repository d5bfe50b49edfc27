import Foundation
import Hummingbird
import NIOCore

/// Reads a JSON request body: `Content-Type` must be `application/json` (415 otherwise), the body is collected up to
/// the configured limit (413 beyond it), must be present (400), must pass `StrictJSONScanner` (no duplicate keys, no
/// NUL, no string over 4,000 UTF-8 bytes: 400) and must decode as `T` (400 naming the bad field).
enum JSONBody {
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: DictRequestContext) async throws -> T {
        let contentType = request.headers[.contentType]
        let mediaType = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == "application/json" else {
            throw APIError.unsupportedMediaType(expected: "application/json", found: contentType)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: context.maxBodyBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError.payloadTooLarge(limit: context.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            // A chunked body has no Content-Length to refuse up front; collecting it is where it turns out too large.
            throw APIError.payloadTooLarge(limit: context.maxBodyBytes)
        }
        guard buffer.readableBytes > 0 else { throw APIError.validation("Request body is required") }
        let bytes = Array(buffer: buffer)
        do {
            try StrictJSONScanner().scan(bytes)
        } catch {
            throw APIError.validation(error.description)
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw APIError.validation(ErrorEnvelopeMiddleware.describe(error))
        }
    }
}
