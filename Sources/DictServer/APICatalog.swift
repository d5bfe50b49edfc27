import DictionaryService
/// Every operation the service registers, with its parameters, limits and response shapes; rendered by
/// `OpenAPIDocument`. Keep in step with the route files (the OpenAPI test fails otherwise).
public enum APICatalog {
    static let errorResponse: JSONValue = OpenAPIDocument.reference("ErrorEnvelope")

    /// Shared component schemas.
    public static let schemas: [String: JSONValue] = [:]

    /// All operations.
    public static var operations: [APIOperation] { operationalOperations }

    static let operationalOperations: [APIOperation] = [
        APIOperation(
            "GET", "/livez", tag: "operations", summary: "Liveness: the process answers.",
            responses: [(200, "Alive.", ["type": "object", "properties": ["status": ["const": "ok"], "timestamp": ["type": "string"]]])]),
        APIOperation(
            "GET", "/readyz", tag: "operations", summary: "Readiness: the dictionary database answers a query.",
            responses: [
                (200, "Ready.", ["type": "object", "properties": ["status": ["const": "ready"], "timestamp": ["type": "string"]]]),
                (503, "Database unreachable.", ["type": "object", "properties": ["status": ["const": "not ready"], "error": ["type": "string"]]]),
            ]),
        APIOperation(
            "GET", "/health", tag: "operations", summary: "Health: database, row counts and migration state.",
            responses: [
                (200, "Healthy.", ["type": "object", "properties": ["status": ["const": "healthy"], "checks": ["type": "object"]]]),
                (503, "Degraded.", ["type": "object", "properties": ["status": ["const": "degraded"], "checks": ["type": "object"]]]),
            ]),
        APIOperation(
            "GET", "/metrics", tag: "operations", summary: "Prometheus metrics (text exposition format).",
            description: "Request counts and latency by route template, searches by mode, index size, queue depths, tokens today.",
            responses: [(200, "Metrics text.", ["type": "string"])], successContentType: "text/plain; version=0.0.4"),
        APIOperation(
            "GET", "/docs/openapi.json", tag: "operations", summary: "This OpenAPI 3.1 document.",
            responses: [(200, "The document.", ["type": "object"])]),
    ]
}
