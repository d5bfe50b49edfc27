import Foundation
import Hummingbird

/// Reads a JSON request body: `Content-Type` must be `application/json` (415 otherwise), the body is collected up to
/// the configured limit (413 beyond it), must be present (400) and must decode as `T` (400 naming the bad field).
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
        }
        guard buffer.readableBytes > 0 else { throw APIError.validation("Request body is required") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw APIError.validation(ErrorEnvelopeMiddleware.describe(error))
        }
    }
}
