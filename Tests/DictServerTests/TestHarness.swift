import DictMigrations
import DictServer
import DictStore
import DictTesting
import DictionaryCore
import DictionarySearch
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOFoundationEssentialsCompat
import Testing

/// An in-process dict application over a fresh migrated dictionary database, with helpers to read JSON bodies.
struct TestHarness {
    let database: StoreDatabase
    let directory: TemporaryDirectory?
    let configuration: ServerConfiguration
    let dependencies: ServerDependencies

    /// A harness over a fresh database; `seeded` inserts `Fixture.entries` (and their relations), `semantic` plugs in
    /// the keyword embedder so semantic and hybrid search work.
    init(
        kind: DatabaseKind = .memory, migrate: Bool = true, seeded: Bool = false, semantic: Bool = false,
        configuration: ServerConfiguration = TestHarness.defaultConfiguration
    ) throws {
        let (database, directory) = try kind.open(.dictionary, migrate: migrate)
        self.database = database
        self.directory = directory
        self.configuration = configuration
        let entries = seeded ? try Fixture.insert(into: database) : []
        let components = semantic ? SemanticComponents(embedder: KeywordEmbedder(), backend: KeywordBackend(entries: entries)) : nil
        dependencies = ServerDependencies(dictionaryDatabase: database, semantic: components)
        self.entries = entries
    }

    /// The seeded entries (empty unless `seeded`).
    let entries: [DictionaryEntry]

    /// The seeded entry with this term and language.
    func entry(_ term: String, _ lang: Language = .en) throws -> DictionaryEntry {
        try #require(entries.first { $0.term == term && $0.lang == lang })
    }

    /// Loopback, free port, standard limits.
    static var defaultConfiguration: ServerConfiguration {
        ServerConfiguration(host: "127.0.0.1", port: 0)
    }

    /// Runs `body` against the router in-process.
    func withClient(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let application = DictHTTPServer.buildApplication(configuration: configuration, dependencies: dependencies)
        try await application.test(.router) { client in try await body(client) }
    }

    var router: Router<DictRequestContext> {
        DictHTTPServer.buildRouter(configuration: configuration, dependencies: dependencies)
    }
}

/// The response body parsed as JSON (fails the test when it is not).
func json(_ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
    let data = Data(buffer: response.body)
    return try #require(try? JSONDecoder().decode(JSONValue.self, from: data), "body is not JSON: \(String(decoding: data, as: UTF8.self))", sourceLocation: sourceLocation)
}

/// The response body as text.
func text(_ response: TestResponse) -> String {
    String(buffer: response.body)
}

/// Checks an entry against the web client's validation rules (UUID id, known language and type, Z timestamps,
/// positive version, `references` not `refs`).
func expectValidEntry(_ entry: JSONValue?, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let entry, case .object(let fields) = entry else {
        Issue.record("not an entry object: \(String(describing: entry))", sourceLocation: sourceLocation)
        return
    }
    #expect(fields["id"]?.stringValue.flatMap { UUID(uuidString: $0) } != nil, sourceLocation: sourceLocation)
    #expect(fields["term"]?.stringValue != nil, sourceLocation: sourceLocation)
    #expect(fields["normalized_term"]?.stringValue != nil, sourceLocation: sourceLocation)
    #expect(Language(rawValue: fields["lang"]?.stringValue ?? "") != nil, sourceLocation: sourceLocation)
    #expect(TermType(rawValue: fields["type"]?.stringValue ?? "") != nil, sourceLocation: sourceLocation)
    for key in ["created_at", "updated_at"] {
        let value = fields[key]?.stringValue ?? ""
        #expect(value.hasSuffix("Z") && value.contains("T"), "\(key) = \(value)", sourceLocation: sourceLocation)
    }
    #expect((fields["version"]?.numberValue ?? 0) >= 1, sourceLocation: sourceLocation)
    #expect(fields["references"] != nil && fields["refs"] == nil, sourceLocation: sourceLocation)
}

/// A JSON request body.
func jsonBody(_ value: JSONValue) throws -> ByteBuffer {
    ByteBuffer(bytes: try JSONEncoder().encode(value))
}

/// Checks the error envelope shape and returns it.
@discardableResult
func expectErrorEnvelope(
    _ response: TestResponse, status: HTTPResponse.Status, code: String, sourceLocation: SourceLocation = #_sourceLocation
) throws -> JSONValue {
    #expect(response.status == status, sourceLocation: sourceLocation)
    let body = try json(response, sourceLocation: sourceLocation)
    #expect(body["success"] == .bool(false), sourceLocation: sourceLocation)
    #expect(body["code"] == .string(code), sourceLocation: sourceLocation)
    if case .string(let message)? = body["error"] {
        #expect(!message.isEmpty, sourceLocation: sourceLocation)
    } else {
        Issue.record("error is not a string: \(String(describing: body["error"]))", sourceLocation: sourceLocation)
    }
    #expect(body["request_id"] != nil, sourceLocation: sourceLocation)
    return body
}

extension JSONValue {
    /// The string payload, if this is a string.
    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The numeric payload, if this is a number.
    var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }
}
