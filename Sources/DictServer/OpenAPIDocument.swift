import Foundation

package import DictStore
/// Renders `APIOperation`s as an OpenAPI 3.1 document (a `JSONValue`, served at `/docs/openapi.json`).
package enum OpenAPIDocument {
    /// Reusable schemas referenced as `#/components/schemas/<name>`.
    static func reference(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    /// `{success:true, data:<schema>}`.
    static func success(_ data: JSONValue) -> JSONValue {
        [
            "type": "object", "required": ["success", "data"],
            "properties": ["success": ["const": true], "data": data, "message": ["type": "string"]],
        ]
    }

    static let errorEnvelope: JSONValue = [
        "type": "object", "required": ["success", "error", "code"],
        "properties": [
            "success": ["const": false], "error": ["type": "string", "description": "Human-readable message."],
            "code": [
                "type": "string",
                "enum": ["VALIDATION_ERROR", "MALFORMED_REQUEST", "UPGRADE_NOT_SUPPORTED", "NOT_FOUND", "METHOD_NOT_ALLOWED",
                         "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "RATE_LIMITED",
                         "SERVICE_UNAVAILABLE", "INTERNAL_ERROR", "HTTP_ERROR"],
            ],
            "request_id": ["type": "string"], "data": ["type": "object"],
        ],
    ]

    /// The whole document for `operations`.
    package static func make(operations: [APIOperation], version: String, extraSchemas: [String: JSONValue] = [:]) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for operation in operations {
            var item: [String: JSONValue] = [:]
            if case .object(let existing) = paths[operation.path] { item = existing }
            item[operation.method.lowercased()] = render(operation)
            paths[operation.path] = .object(item)
        }
        var schemas = extraSchemas
        schemas["ErrorEnvelope"] = errorEnvelope
        let tags = Set(operations.map(\.tag)).sorted().map { JSONValue.object(["name": .string($0)]) }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "dict: music-terminology dictionary API",
                "version": .string(version),
                "description": """
                    Exact lookup, lexical/semantic/hybrid search, analytics and export over the dictionary database. \
                    Successful /api/v1 responses are {success:true, data}; errors are {success:false, error, code, request_id}. \
                    Every response carries X-Request-ID; /api routes carry X-RateLimit-Limit/Remaining/Reset and, on 429, Retry-After. \
                    GET routes also answer HEAD; a known path with another method answers 405 METHOD_NOT_ALLOWED with Allow. \
                    Text inputs are capped in characters (maxLength) and in UTF-8 bytes (x-maxUtf8Bytes, 4 per character). \
                    JSON bodies with a duplicate key, a NUL character or a string over 4,000 UTF-8 bytes are refused with 400. \
                    CONNECT and Upgrade requests get 400 UPGRADE_NOT_SUPPORTED and the connection is closed.
                    """,
            ],
            "servers": [["url": "/"]],
            "tags": .array(tags),
            "paths": .object(paths),
            "components": ["schemas": .object(schemas)],
        ]
    }

    private static func render(_ operation: APIOperation) -> JSONValue {
        var object: [String: JSONValue] = [
            "operationId": .string(operationID(operation)),
            "tags": [.string(operation.tag)],
            "summary": .string(operation.summary),
        ]
        if !operation.description.isEmpty { object["description"] = .string(operation.description) }
        if !operation.parameters.isEmpty {
            object["parameters"] = .array(operation.parameters.map { parameter in
                [
                    "name": .string(parameter.name), "in": .string(parameter.location.rawValue),
                    "required": .bool(parameter.required), "description": .string(parameter.description),
                    "schema": parameter.schema,
                ]
            })
        }
        if let body = operation.requestBody {
            object["requestBody"] = ["required": true, "content": ["application/json": ["schema": body]]]
        }
        var responses: [String: JSONValue] = [:]
        for response in operation.responses {
            var rendered: [String: JSONValue] = ["description": .string(response.description)]
            if let schema = response.schema {
                let type = response.status < 300 ? operation.successContentType : "application/json"
                var content: [String: JSONValue] = [type: ["schema": schema]]
                if response.status < 300 {
                    for (alternative, schema) in operation.alternativeSuccessContent { content[alternative] = ["schema": schema] }
                }
                rendered["content"] = .object(content)
            }
            responses[String(response.status)] = .object(rendered)
        }
        if operation.path.hasPrefix("/api/") {
            responses["429"] = ["description": "Rate limited; see Retry-After.", "content": ["application/json": ["schema": reference("ErrorEnvelope")]]]
        }
        if operation.requestBody != nil {
            responses["400"] = responses["400"] ?? [
                "description": "Invalid body (VALIDATION_ERROR): malformed JSON, a duplicate key, NUL in a string, a string over its character or UTF-8 byte cap; or broken framing (MALFORMED_REQUEST, connection closed).",
                "content": ["application/json": ["schema": reference("ErrorEnvelope")]],
            ]
            responses["413"] = responses["413"] ?? ["description": "Body too large (PAYLOAD_TOO_LARGE), chunked or not.", "content": ["application/json": ["schema": reference("ErrorEnvelope")]]]
        }
        object["responses"] = .object(responses)
        return .object(object)
    }

    private static func operationID(_ operation: APIOperation) -> String {
        let words = operation.path.split(separator: "/").map { $0.replacingOccurrences(of: "{", with: "by_").replacingOccurrences(of: "}", with: "") }
        return ([operation.method.lowercased()] + words).joined(separator: "_").replacingOccurrences(of: ".", with: "_")
    }
}
