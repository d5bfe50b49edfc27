import Hummingbird

/// The body of every successful `/api/v1` response: `{success:true, data:…}` (plus `message` where the original
/// sent one, e.g. feedback).
package struct SuccessEnvelope<Payload: Encodable & Sendable>: ResponseEncodable, Sendable {
    package var success: Bool
    package var data: Payload
    package var message: String?

    package init(_ data: Payload, message: String? = nil) {
        self.success = true
        self.data = data
        self.message = message
    }
}
