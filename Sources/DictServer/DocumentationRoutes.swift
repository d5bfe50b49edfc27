import Foundation
import Hummingbird

/// `GET /docs/openapi.json`: the OpenAPI 3.1 document of every route, rendered once at start-up.
struct DocumentationRoutes {
    func register(on router: Router<DictRequestContext>) {
        let encoder = DictRequestContext.makeEncoder()
        let document = OpenAPIDocument.make(
            operations: APICatalog.operations, version: DictHTTPServer.version, extraSchemas: APICatalog.schemas)
        let body = (try? encoder.encode(document)) ?? Data("{}".utf8)
        router.get("/docs/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
    }
}
