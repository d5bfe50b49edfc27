import Foundation
package import Hummingbird
import HummingbirdCore
import Logging

/// Builds and runs the dict HTTP service: one router with the middleware chain, every route group, and the
/// Hummingbird application around it.
///
/// Middleware order, outermost first: request id → access log → metrics → CORS → rate limit → body-size limit → error
/// envelope → method policy (405, refused upgrades) → bookmarks (with a replica: read-your-writes) → response-cache
/// invalidation (after writes) → route. Request ids
/// and CORS headers therefore land on every response
/// (errors and 429s included), metrics see the final status, and the error envelope renders anything a route throws.
/// GET routes also answer HEAD (Hummingbird generates those endpoints).
///
/// Connections are guarded below the router (`DictHTTP1Channel`): header-read and idle timeouts, a cap on
/// concurrent connections, and close-after-response for refused upgrades and broken framing.
package enum DictHTTPServer {
    /// The one version string: `dict --version`, `/health` and the OpenAPI document's `info.version`.
    package static let version = "1.0.0"

    /// A router with every middleware and route registered. Tests drive it in-process.
    package static func buildRouter(configuration: ServerConfiguration, dependencies: ServerDependencies) -> Router<DictRequestContext> {
        let router = Router(context: DictRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: AccessLogMiddleware())
        router.add(middleware: RequestMetricsMiddleware(metrics: dependencies.metrics))
        router.add(middleware: CORSPolicyMiddleware(origins: configuration.corsOrigins))
        router.add(
            middleware: RateLimitMiddleware(
                policy: configuration.rateLimits, limiter: dependencies.rateLimiter,
                trustForwardedHeaders: configuration.trustForwardedHeaders))
        router.add(middleware: RequestBodyLimitMiddleware(maxBytes: configuration.maxRequestBodyBytes))
        router.add(middleware: ErrorEnvelopeMiddleware())
        router.add(middleware: MethodPolicyMiddleware(routes: RouteTable(operations: APICatalog.operations)))
        if let replica = dependencies.readConsistency { router.add(middleware: BookmarkMiddleware(replica: replica)) }
        let cache = ResponseCache(seconds: configuration.responseCacheSeconds)
        router.add(middleware: ResponseCacheInvalidationMiddleware(cache: cache))

        HealthRoutes(dependencies: dependencies).register(on: router)
        DocumentationRoutes().register(on: router)
        TermRoutes(dependencies: dependencies, cache: cache).register(on: router)
        SearchRoutes(dependencies: dependencies).register(on: router)
        BatchRoutes(dependencies: dependencies).register(on: router)
        AnalyticsRoutes(dependencies: dependencies).register(on: router)
        ExportRoutes(dependencies: dependencies).register(on: router)
        SearchPageRoutes(dependencies: dependencies).register(on: router)
        return router
    }

    /// The Hummingbird application listening on `configuration.host:port`. `onServerRunning` receives the bound
    /// port (useful with port 0).
    package static func buildApplication(
        configuration: ServerConfiguration,
        dependencies: ServerDependencies,
        onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = buildRouter(configuration: configuration, dependencies: dependencies)
        return Application(
            router: router,
            server: DictHTTP1Channel.builder(timeouts: ConnectionTimeouts(configuration)),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "dict",
                availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections, logger: dependencies.logger)),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: dependencies.logger
        )
    }

    /// Serves until SIGINT or SIGTERM, lets in-flight requests finish (Hummingbird's graceful shutdown), then runs
    /// `dependencies.onShutdown` and flushes analytics, exactly once, even when the server fails.
    package static func run(
        configuration: ServerConfiguration,
        dependencies: ServerDependencies,
        onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) async throws {
        let application = buildApplication(configuration: configuration, dependencies: dependencies, onServerRunning: onServerRunning)
        do {
            try await application.runService()
        } catch {
            await dependencies.shutdown()
            throw error
        }
        await dependencies.shutdown()
    }
}
