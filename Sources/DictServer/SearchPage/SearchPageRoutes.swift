import DictionaryCore
import DictionarySearch
import Foundation
import HTTPTypes
import Hummingbird

/// `GET /`, `/app.js`, `/app.css`: the search page. Script and style are separate routes so the page can send a
/// strict Content-Security-Policy (no inline script or style at all) instead of hashing inline blocks that would
/// change with every edit.
///
/// Without JavaScript the page is a plain form that submits to `/` itself: `?q=` renders hybrid results on the
/// server (all languages, 20 hits) and `?id=` renders one entry, so links and the back button work as usual.
struct SearchPageRoutes {
    /// Sent with every page response: only same-origin script, style and fetches; nothing may frame the page.
    static let contentSecurityPolicy = [
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
        "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'",
    ].joined(separator: "; ")
    /// Results rendered without JavaScript.
    static let serverRenderedLimit = 20

    let dependencies: ServerDependencies

    func register(on router: Router<DictRequestContext>) {
        router.get("/") { request, _ in try await page(request: request) }
        router.get("/app.js") { _, _ in
            Self.response(.ok, contentType: "text/javascript; charset=utf-8", body: SearchPageScript.source)
        }
        router.get("/app.css") { _, _ in
            Self.response(.ok, contentType: "text/css; charset=utf-8", body: SearchPageStyle.source)
        }
    }

    /// The page, with server-rendered results for `q` or an entry for `id`. Bad parameters are shown on the page
    /// with their 400 status; an unavailable semantic leg is a note on a 200 page (the form still works).
    func page(request: Request) async throws -> Response {
        let query = try QueryParameters(request)
        var content = SearchPage.Content()
        var status = HTTPResponse.Status.ok
        do {
            content.query = try query.string("q", maxLength: SearchRoutes.maximumQueryLength) ?? ""
            let mode = try query.choice("mode", from: SearchMode.allCases.map(\.rawValue)).flatMap(SearchMode.init(rawValue:))
            content.mode = mode ?? .hybrid
            if let id = query.value("id") {
                guard let uuid = UUID(uuidString: id) else { throw APIError.validation("Parameter 'id' must be a UUID") }
                content.entry = try await entry(id: uuid.uuidString.lowercased())
            } else if !content.query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                content.response = try await dependencies.runSearch(SearchRequest(
                    query: content.query, mode: content.mode, filters: SearchFilters(languages: []), limit: Self.serverRenderedLimit))
            }
        } catch let error as APIError {
            if error.code == "SERVICE_UNAVAILABLE" {
                content.notes.append(error.message)
            } else {
                content.error = error.message
                status = error.status
            }
        }
        return Self.response(status, contentType: "text/html; charset=utf-8", body: SearchPage.render(content))
    }

    /// The entry with this id and its related terms, or a 404 error.
    private func entry(id: String) async throws -> SearchPage.EntryView {
        guard let entry = try await dependencies.search.store.entries(ids: [id])[id] else { throw APIError.notFound("Entry not found") }
        return SearchPage.EntryView(entry: entry, related: try await dependencies.search.relatedTerms(to: entry.id, limit: TermRoutes.relatedLimit))
    }

    static func response(_ status: HTTPResponse.Status, contentType: String, body: String) -> Response {
        var headers: HTTPFields = [.contentType: contentType]
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        headers[.cacheControl] = "no-cache"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
