import DictServer
import DictStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    @Test func everyRegisteredRouteIsDocumentedAndNothingElse() async throws {
        let harness = try TestHarness()
        let registered = Set(harness.router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
        #expect(!registered.isEmpty)
        try await harness.withClient { client in
            try await client.execute(uri: "/docs/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                let document = try json(response)
                #expect(document["openapi"] == "3.1.0")
                guard case .object(let paths)? = document["paths"] else {
                    Issue.record("no paths object")
                    return
                }
                var documented = Set<String>()
                for (path, item) in paths {
                    guard case .object(let methods) = item else { continue }
                    for method in methods.keys { documented.insert("\(method.uppercased()) \(path)") }
                }
                #expect(registered.subtracting(documented).isEmpty, "undocumented: \(registered.subtracting(documented).sorted())")
                #expect(documented.subtracting(registered).isEmpty, "documented but not registered: \(documented.subtracting(registered).sorted())")
            }
        }
    }

    @Test func pathParametersAreDeclaredAndOperationIDsAreUnique() {
        var seen = Set<String>()
        for operation in APICatalog.operations {
            let captures = operation.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
            let declared = operation.parameters.filter { $0.location == .path }.map(\.name)
            #expect(Set(captures) == Set(declared), "\(operation.method) \(operation.path)")
            #expect(seen.insert("\(operation.method) \(operation.path)").inserted)
        }
    }
}
