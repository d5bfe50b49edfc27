package import Hummingbird

/// Records every request in `ServerMetrics` under its route template (`/api/v1/terms/{term}`), method and final
/// status; unmatched paths share the route label `NotFound`.
package struct RequestMetricsMiddleware: RouterMiddleware {
    package typealias Context = DictRequestContext

    let metrics: ServerMetrics

    package init(metrics: ServerMetrics) {
        self.metrics = metrics
    }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context, status: response.status.code, start: start)
            return response
        } catch {
            let status = (error as? APIError)?.status.code ?? (error as? HTTPError)?.status.code ?? 500
            record(request, context, status: status, start: start)
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, status: Int, start: ContinuousClock.Instant) {
        metrics.recordRequest(
            method: request.method.rawValue, route: context.endpointPath ?? "NotFound", status: status,
            duration: ContinuousClock.now - start)
    }
}
