import DictionaryService
/// One documented operation of the HTTP API: the source of the OpenAPI document. Every route the router registers
/// has exactly one of these (a test checks it), so the document cannot drift from the routes.
public struct APIOperation: Sendable {
    /// A query or path parameter.
    public struct Parameter: Sendable {
        public enum Location: String, Sendable { case query, path }
        public var name: String
        public var location: Location
        public var required: Bool
        public var description: String
        public var schema: JSONValue

        public init(_ name: String, in location: Location = .query, required: Bool = false, _ description: String, schema: JSONValue) {
            self.name = name
            self.location = location
            self.required = required || location == .path
            self.description = description
            self.schema = schema
        }
    }

    /// HTTP method, upper case (`GET`).
    public var method: String
    /// Path with `{name}` captures, as Hummingbird prints route templates.
    public var path: String
    public var tag: String
    public var summary: String
    public var description: String
    public var parameters: [Parameter]
    /// JSON schema of the request body, for POST routes.
    public var requestBody: JSONValue?
    /// Status code → (description, schema of the JSON body or nil for non-JSON bodies).
    public var responses: [(status: Int, description: String, schema: JSONValue?)]
    /// Content type of the 200 body when it is not JSON.
    public var successContentType: String
    /// Further content types the 200 body can have, with their schemas (export: CSV and SQLite besides JSON).
    public var alternativeSuccessContent: [String: JSONValue]

    public init(
        _ method: String, _ path: String, tag: String, summary: String, description: String = "",
        parameters: [Parameter] = [], requestBody: JSONValue? = nil,
        responses: [(status: Int, description: String, schema: JSONValue?)], successContentType: String = "application/json",
        alternativeSuccessContent: [String: JSONValue] = [:]
    ) {
        self.method = method
        self.path = path
        self.tag = tag
        self.summary = summary
        self.description = description
        self.parameters = parameters
        self.requestBody = requestBody
        self.responses = responses
        self.successContentType = successContentType
        self.alternativeSuccessContent = alternativeSuccessContent
    }
}
