import DictionaryCore
import HTTPTypes
import Hummingbird

/// Read-your-writes on a server that reads a replica (issue 17, docs/scale-out.md). A successful write (any method
/// but GET, HEAD and OPTIONS) answers with `X-Dict-Bookmark`, the primary's position after it; so may any client that
/// wrote elsewhere (`dict bookmark`). A read sending `X-Dict-Bookmark` waits until the replica has replayed that far
/// (at most `ReplicaReads.wait`), then is answered from the replica with its followers brought up to date; when the
/// wait runs out it is answered from the primary. `X-Dict-Read-From` says which (`replica` or `primary`). Reads
/// without the header are answered from the replica at once (they may miss the latest writes).
struct BookmarkMiddleware: RouterMiddleware {
    typealias Context = DictRequestContext
    static let bookmarkHeader = HTTPField.Name("X-Dict-Bookmark")!
    static let readFromHeader = HTTPField.Name("X-Dict-Read-From")!
    let replica: ReplicaReads

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let reads = [.get, .head, .options].contains(request.method)
        guard reads else {
            var response = try await next(request, context)
            if response.status.code < 400 { response.headers[Self.bookmarkHeader] = try await replica.consistency.bookmark() }
            return response
        }
        guard let bookmark = request.headers[Self.bookmarkHeader] else { return try await next(request, context) }
        guard replica.consistency.isValid(bookmark: bookmark) else {
            throw APIError.validation("X-Dict-Bookmark: expected a position such as 0/16B3748, found \(bookmark.prefix(40))")
        }
        var response: Response
        let source: String
        if try await replica.consistency.replicaCaughtUp(to: bookmark, timeout: replica.wait) {
            await replica.onCaughtUp()
            response = try await next(request, context)
            source = "replica"
        } else {
            response = try await replica.consistency.readingPrimary { try await next(request, context) }
            source = "primary"
        }
        response.headers[Self.readFromHeader] = source
        return response
    }
}
