import Foundation
import HTTPTypes
import Hummingbird

/// Who a request comes from, for rate limiting: the socket peer, or (only when the operator trusts a reverse proxy)
/// `CF-Connecting-IP`, the first `X-Forwarded-For` hop, or `X-Real-IP`. Requests with no address share `"unknown"`.
enum ClientIdentity {
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let realIP = HTTPField.Name("X-Real-IP")!
    static let cloudflareIP = HTTPField.Name("CF-Connecting-IP")!

    static func key(for request: Request, context: DictRequestContext, trustForwardedHeaders: Bool) -> String {
        if trustForwardedHeaders {
            if let address = request.headers[cloudflareIP]?.trimmed, !address.isEmpty { return address }
            if let list = request.headers[forwardedFor],
                let first = list.split(separator: ",").first?.trimmingCharacters(in: .whitespaces), !first.isEmpty
            {
                return first
            }
            if let address = request.headers[realIP]?.trimmed, !address.isEmpty { return address }
        }
        return context.peerAddress ?? "unknown"
    }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
