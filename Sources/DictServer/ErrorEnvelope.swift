package import DictStore
/// The JSON body of every error response: `{success:false, error:"<message>", code, request_id, data?}`.
/// `error` stays a string because the original web client displays it as is.
package struct ErrorEnvelope: Codable, Sendable, Equatable {
    package var success: Bool
    package var error: String
    package var code: String
    package var requestID: String?
    package var data: JSONValue?

    enum CodingKeys: String, CodingKey {
        case success, error, code, data
        case requestID = "request_id"
    }

    package init(error: String, code: String, requestID: String?, data: JSONValue?) {
        self.success = false
        self.error = error
        self.code = code
        self.requestID = requestID
        self.data = data
    }
}
