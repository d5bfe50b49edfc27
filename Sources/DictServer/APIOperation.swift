package import DictStore
/// One documented operation of the HTTP API: the source of the OpenAPI document. Every route the router registers
/// has exactly one of these (a test checks it), so the document cannot drift from the routes.
package struct APIOperation: Sendable {
    /// A query or path parameter.
    package struct Parameter: Sendable {
        package enum Location: String, Sendable { case query, path }
        package var name: String
        package var location: Location
        package var required: Bool
        package var description: String
        package var schema: JSONValue

        package init(_ name: String, in location: Location = .query, required: Bool = false, _ description: String, schema: JSONValue) {
            self.name = name
            self.location = location
            self.required = required || location == .path
            self.description = description
            self.schema = schema
        }
    }

    /// HTTP method, upper case (`GET`).
    package var method: String
    /// Path with `{name}` captures, as Hummingbird prints route templates.
    package var path: String
    package var tag: String
    package var summary: String
    package var description: String
    package var parameters: [Parameter]
    /// JSON schema of the request body, for POST routes.
    package var requestBody: JSONValue?
    /// Status code → (description, schema of the JSON body or nil for non-JSON bodies).
    package var responses: [(status: Int, description: String, schema: JSONValue?)]
    /// Content type of the 200 body when it is not JSON.
    package var successContentType: String
    /// Further content types the 200 body can have, with their schemas (export: CSV and SQLite besides JSON).
    package var alternativeSuccessContent: [String: JSONValue]

    package init(
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
