import DictionaryService
/// The JSON body of every error response: `{success:false, error:"<message>", code, request_id, data?}`.
/// `error` stays a string because the original web client displays it as is.
public struct ErrorEnvelope: Codable, Sendable, Equatable {
    public var success: Bool
    public var error: String
    public var code: String
    public var requestID: String?
    public var data: JSONValue?

    enum CodingKeys: String, CodingKey {
        case success, error, code, data
        case requestID = "request_id"
    }

    public init(error: String, code: String, requestID: String?, data: JSONValue?) {
        self.success = false
        self.error = error
        self.code = code
        self.requestID = requestID
        self.data = data
    }
}
