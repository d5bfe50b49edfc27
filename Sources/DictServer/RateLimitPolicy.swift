/// How many requests one client may make per fixed window, per route.
///
/// Each request counts against exactly one bucket: its route's own limit when the route has one (the original's
/// per-route limits: 120/min exact lookup, 100/min search, …), otherwise the default limit that covers every other
/// `/api/*` route. The original also ran a global 60/min limiter on the same key before the route limiter, so one
/// request was counted twice and every route was effectively capped at 30/min; that double count is not reproduced.
/// Health, metrics and documentation routes are never limited. The service has no authentication, so there is a
/// single (anonymous) tier.
package struct RateLimitPolicy: Sendable, Equatable {
    /// One route's own limit.
    package struct RouteLimit: Sendable, Equatable {
        /// Requests allowed per window.
        package var limit: Int
        /// Window length in seconds.
        package var windowSeconds: Int

        package init(limit: Int, windowSeconds: Int = 60) {
            self.limit = limit
            self.windowSeconds = windowSeconds
        }
    }

    /// False turns limiting off entirely (load tests, trusted deployments).
    package var isEnabled: Bool
    /// Limit for `/api/*` routes without their own entry (including unknown `/api/*` paths).
    package var defaultLimit: RouteLimit
    /// Route limits keyed by `"METHOD /route/template"` as registered (e.g. `"GET /api/v1/search"`).
    package var routeLimits: [String: RouteLimit]

    package init(isEnabled: Bool = true, defaultLimit: RouteLimit, routeLimits: [String: RouteLimit]) {
        self.isEnabled = isEnabled
        self.defaultLimit = defaultLimit
        self.routeLimits = routeLimits
    }

    /// The original service's anonymous limits (inventory §2.9), counted once.
    package static let standard = RateLimitPolicy(
        defaultLimit: RouteLimit(limit: 60),
        routeLimits: [
            "GET /api/v1/terms/{term}": RouteLimit(limit: 120),
            "GET /api/v1/terms/{term}/languages": RouteLimit(limit: 100),
            "POST /api/v1/terms/{term}/feedback": RouteLimit(limit: 10),
            "GET /api/v1/search": RouteLimit(limit: 100),
            "POST /api/v1/search/semantic": RouteLimit(limit: 50),
            "GET /api/v1/search/suggestions": RouteLimit(limit: 200),
            "POST /api/v1/batch/query": RouteLimit(limit: 30),
            // Not limited in the original; an export reads the whole dictionary, so it gets a tight limit.
            "GET /api/v1/export": RouteLimit(limit: 10),
        ]
    )

    /// No limiting at all.
    package static let disabled = RateLimitPolicy(isEnabled: false, defaultLimit: RouteLimit(limit: 1), routeLimits: [:])

    /// The standard policy with every limit scaled so the default is `perMinute` (0 disables limiting); route limits
    /// keep their ratio to the default (exact lookup stays 2× the default, and so on), never dropping below 1.
    package static func scaled(toDefaultPerMinute perMinute: Int) -> RateLimitPolicy {
        guard perMinute > 0 else { return .disabled }
        let base = standard.defaultLimit.limit
        var policy = standard
        policy.defaultLimit.limit = perMinute
        for (route, routeLimit) in standard.routeLimits {
            policy.routeLimits[route]?.limit = max(1, routeLimit.limit * perMinute / base)
        }
        return policy
    }

    /// The bucket a request falls in, or nil when it is not limited. `routeTemplate` is the route the router
    /// matched (nil for unmatched paths). A matched request is judged by its template, an unmatched one by its
    /// canonical path, never by the raw spelling: the router also serves `//api/v1/batch/query` and
    /// `/api/v1/batch/query/`, and each spelling must be counted against the same bucket.
    package func bucket(method: String, path: String, routeTemplate: String?) -> (name: String, limit: RouteLimit)? {
        guard isEnabled, CanonicalPath.isAPI(routeTemplate ?? path) else { return nil }
        if let routeTemplate {
            let key = "\(method) \(routeTemplate)"
            if let limit = routeLimits[key] { return (key, limit) }
        }
        return ("default", defaultLimit)
    }

    /// Checks that every limit and window is positive.
    package func validate() throws {
        for (name, routeLimit) in routeLimits.merging(["default": defaultLimit], uniquingKeysWith: { a, _ in a }) {
            guard routeLimit.limit > 0, routeLimit.windowSeconds > 0 else {
                throw ServerConfigurationError.invalidValue(
                    setting: "rate limit \(name)", value: "\(routeLimit.limit)/\(routeLimit.windowSeconds)s",
                    expected: "a positive limit and window")
            }
        }
    }
}
