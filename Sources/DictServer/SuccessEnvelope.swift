import Hummingbird

/// The body of every successful `/api/v1` response: `{success:true, data:…}` (plus `message` where the original
/// sent one, e.g. feedback).
public struct SuccessEnvelope<Payload: Encodable & Sendable>: ResponseEncodable, Sendable {
    public var success: Bool
    public var data: Payload
    public var message: String?

    public init(_ data: Payload, message: String? = nil) {
        self.success = true
        self.data = data
        self.message = message
    }
}
