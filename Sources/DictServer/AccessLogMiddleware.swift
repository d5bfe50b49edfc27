package import Hummingbird
import Logging

/// One `info` line per request: method, path, final status, duration and (from the logger's metadata) the request
/// id. The path is the route template (`/api/v1/terms/{term}`; `NotFound` when nothing matched), as in the
/// metrics, so user text never reaches the log. Placed right inside `RequestIDMiddleware`, it sees the id and the
/// status every other layer produced, errors included.
package struct AccessLogMiddleware: RouterMiddleware {
    package typealias Context = DictRequestContext

    package init() {}

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context, status: response.status.code, start: start)
            return response
        } catch {
            let status = (error as? APIError)?.status.code ?? (error as? HTTPError)?.status.code ?? 500
            log(request, context, status: status, start: start)
            throw error
        }
    }

    private func log(_ request: Request, _ context: Context, status: Int, start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let duration = (milliseconds * 1000).rounded() / 1000
        let path = context.endpointPath ?? "NotFound"
        context.logger.info(
            "\(request.method.rawValue) \(path) \(status) \(duration) ms",
            metadata: [
                "method": .string(request.method.rawValue), "path": .string(path), "status": .stringConvertible(status),
                "duration_ms": .stringConvertible(duration),
            ])
    }
}
