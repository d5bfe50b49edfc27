import DictionaryCore
import HTTPTypes
import Hummingbird
import Logging

/// Read-your-writes on a server that reads a replica (issue 17, docs/scale-out.md). A successful write (any method
/// but GET, HEAD and OPTIONS) answers with `X-Dict-Bookmark`, the primary's position after it; `dict bookmark` gives
/// one after writes made elsewhere. A request sending `X-Dict-Bookmark` waits until the replica has replayed that far
/// (at most `ReplicaReads.wait`), then is answered from the replica with its followers brought up to date; when the
/// wait runs out its reads go to the primary. `X-Dict-Read-From` says which (`replica` or `primary`). Requests
/// without the header read the replica at once (they may miss the latest writes).
struct BookmarkMiddleware: RouterMiddleware {
    typealias Context = DictRequestContext
    static let bookmarkHeader = HTTPField.Name("X-Dict-Bookmark")!
    static let readFromHeader = HTTPField.Name("X-Dict-Read-From")!
    let replica: ReplicaReads

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        if let bookmark = request.headers[Self.bookmarkHeader] {
            guard replica.consistency.isValid(bookmark: bookmark) else {
                throw APIError.validation("X-Dict-Bookmark: expected a position such as 0/16B3748, found \(bookmark.prefix(40))")
            }
            // A replica that cannot even be asked (down, failing over) is treated as behind: the primary answers.
            let caughtUp: Bool
            do {
                caughtUp = try await replica.consistency.replicaCaughtUp(to: bookmark, timeout: replica.wait)
            } catch {
                context.logger.warning("asking the replica for its replay position failed: \(error); reading the primary")
                caughtUp = false
            }
            if caughtUp {
                await replica.onCaughtUp()
                response = try await next(request, context)
                response.headers[Self.readFromHeader] = "replica"
            } else {
                response = try await replica.consistency.readingPrimary { try await next(request, context) }
                response.headers[Self.readFromHeader] = "primary"
            }
        } else {
            response = try await next(request, context)
        }
        if ![.get, .head, .options].contains(request.method), response.status.code < 400 {
            // The write committed: a bookmark the primary cannot give now is left out, the answer stands.
            do {
                response.headers[Self.bookmarkHeader] = try await replica.consistency.bookmark()
            } catch {
                context.logger.warning("no bookmark for this write: \(error)")
            }
        }
        return response
    }
}
