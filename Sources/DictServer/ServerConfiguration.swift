import Foundation

/// Everything `dict serve` can be told: where to listen, which browser origins may call it, how hard clients may
/// push, and how large a request body may be. Built once from defaults → environment → flags
/// (`ServerConfiguration.resolve(environment:overrides:)`), then passed by value; nothing here is mutable global state.
package struct ServerConfiguration: Sendable, Equatable {
    /// Interface to bind. Default `127.0.0.1`: the service is not exposed beyond the machine unless asked.
    package var host: String
    /// TCP port. Default 8080; 0 asks the kernel for a free port (tests, load script).
    package var port: Int
    /// Browser origins allowed by CORS (exact `scheme://host[:port]` strings, or `*` for any origin without
    /// credentials). Empty (the default) sends no CORS headers at all.
    package var corsOrigins: [String]
    /// Per-client request limits.
    package var rateLimits: RateLimitPolicy
    /// Largest accepted request body in bytes (default 256 KiB: a full 50-term batch is about 10 kB); larger → 413.
    package var maxRequestBodyBytes: Int
    /// Whether to identify clients by `X-Forwarded-For` / `X-Real-IP` (only behind a trusted reverse proxy).
    /// Default false: the socket's peer address is used, so a client cannot pick its own rate-limit key.
    package var trustForwardedHeaders: Bool
    /// Seconds a client has to deliver a complete request head (request line and headers), counted from the
    /// connection's start or, on a kept-alive connection, from the request's first byte. Default 10; on expiry the
    /// server answers 408 and closes. Defends against clients that open connections and trickle half a request.
    package var headerTimeoutSeconds: Int
    /// Seconds a client has to deliver a request's whole body once its head has arrived. Default 30; on expiry the
    /// server answers 408 (or closes, if the response already started). The idle timeout alone restarts with every
    /// byte, so a body trickled a byte at a time would otherwise never end.
    package var bodyTimeoutSeconds: Int
    /// Seconds the socket may stay unwritable because the client does not read its response; then the connection
    /// is closed. Default 30.
    package var writeTimeoutSeconds: Int
    /// Seconds a connection may sit without a complete request part arriving (a silent kept-alive connection, a
    /// stalled body) before it is closed. Default 60.
    package var idleTimeoutSeconds: Int
    /// Connections served at once (default 512); beyond it new connections wait in the listen backlog until one
    /// closes, so a flood cannot exhaust the process's open-files limit. `dict serve` lowers it to fit that limit.
    package var maxConnections: Int
    /// Seconds a found exact lookup is answered from the response cache (default 60; 0 turns the cache off). A write
    /// through this server empties the cache; a write by another process shows after at most this long.
    package var responseCacheSeconds: Int

    /// The environment variables `resolve` reads.
    package enum EnvironmentKey {
        package static let host = "DICT_HOST"
        package static let port = "DICT_PORT"
        package static let corsOrigins = "DICT_CORS_ORIGINS"
        package static let rateLimitPerMinute = "DICT_RATE_LIMIT_PER_MINUTE"
        package static let maxRequestBodyBytes = "DICT_MAX_BODY_BYTES"
        package static let trustForwardedHeaders = "DICT_TRUST_PROXY"
        package static let headerTimeoutSeconds = "DICT_HEADER_TIMEOUT_SECONDS"
        package static let idleTimeoutSeconds = "DICT_IDLE_TIMEOUT_SECONDS"
        package static let bodyTimeoutSeconds = "DICT_BODY_TIMEOUT_SECONDS"
        package static let writeTimeoutSeconds = "DICT_WRITE_TIMEOUT_SECONDS"
        package static let maxConnections = "DICT_MAX_CONNECTIONS"
        package static let responseCacheSeconds = "DICT_RESPONSE_CACHE_SECONDS"
    }

    /// A configuration with every default unless given.
    package init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        corsOrigins: [String] = [],
        rateLimits: RateLimitPolicy = .standard,
        maxRequestBodyBytes: Int = 256 * 1024,
        trustForwardedHeaders: Bool = false,
        headerTimeoutSeconds: Int = 10,
        idleTimeoutSeconds: Int = 60,
        maxConnections: Int = 512,
        responseCacheSeconds: Int = 60,
        bodyTimeoutSeconds: Int = 30,
        writeTimeoutSeconds: Int = 30
    ) {
        self.bodyTimeoutSeconds = bodyTimeoutSeconds
        self.writeTimeoutSeconds = writeTimeoutSeconds
        self.host = host
        self.port = port
        self.corsOrigins = corsOrigins
        self.rateLimits = rateLimits
        self.maxRequestBodyBytes = maxRequestBodyBytes
        self.trustForwardedHeaders = trustForwardedHeaders
        self.headerTimeoutSeconds = headerTimeoutSeconds
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.maxConnections = maxConnections
        self.responseCacheSeconds = responseCacheSeconds
    }

    /// Values given on the command line; each non-nil one wins over the environment.
    package struct Overrides: Sendable {
        package var host: String?
        package var port: Int?
        package var corsOrigins: [String]?
        package var rateLimitPerMinute: Int?
        package var maxRequestBodyBytes: Int?
        package var trustForwardedHeaders: Bool?
        package var headerTimeoutSeconds: Int?
        package var idleTimeoutSeconds: Int?
        package var bodyTimeoutSeconds: Int?
        package var writeTimeoutSeconds: Int?
        package var maxConnections: Int?
        package var responseCacheSeconds: Int?

        package init(
            host: String? = nil, port: Int? = nil, corsOrigins: [String]? = nil, rateLimitPerMinute: Int? = nil,
            maxRequestBodyBytes: Int? = nil, trustForwardedHeaders: Bool? = nil, headerTimeoutSeconds: Int? = nil,
            idleTimeoutSeconds: Int? = nil, maxConnections: Int? = nil, responseCacheSeconds: Int? = nil,
            bodyTimeoutSeconds: Int? = nil, writeTimeoutSeconds: Int? = nil
        ) {
            self.bodyTimeoutSeconds = bodyTimeoutSeconds
            self.writeTimeoutSeconds = writeTimeoutSeconds
            self.host = host
            self.port = port
            self.corsOrigins = corsOrigins
            self.rateLimitPerMinute = rateLimitPerMinute
            self.maxRequestBodyBytes = maxRequestBodyBytes
            self.trustForwardedHeaders = trustForwardedHeaders
            self.headerTimeoutSeconds = headerTimeoutSeconds
            self.idleTimeoutSeconds = idleTimeoutSeconds
            self.maxConnections = maxConnections
            self.responseCacheSeconds = responseCacheSeconds
        }
    }

    /// Defaults, then `environment` (`DICT_HOST`, `DICT_PORT`, `DICT_CORS_ORIGINS` comma-separated,
    /// `DICT_RATE_LIMIT_PER_MINUTE` (0 disables limiting), `DICT_MAX_BODY_BYTES`, `DICT_TRUST_PROXY`,
    /// `DICT_HEADER_TIMEOUT_SECONDS`, `DICT_BODY_TIMEOUT_SECONDS`, `DICT_WRITE_TIMEOUT_SECONDS`,
    /// `DICT_IDLE_TIMEOUT_SECONDS`, `DICT_MAX_CONNECTIONS`,
    /// `DICT_RESPONSE_CACHE_SECONDS`), then `overrides`.
    /// Every value is validated; a bad one throws naming the setting.
    package static func resolve(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        overrides: Overrides = Overrides()
    ) throws -> ServerConfiguration {
        var configuration = ServerConfiguration()
        func nonEmpty(_ key: String) -> String? {
            guard let value = environment[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        func integer(_ key: String, _ value: String) throws -> Int {
            guard let number = Int(value) else {
                throw ServerConfigurationError.invalidValue(setting: key, value: value, expected: "an integer")
            }
            return number
        }
        if let value = nonEmpty(EnvironmentKey.host) { configuration.host = value }
        if let value = nonEmpty(EnvironmentKey.port) { configuration.port = try integer(EnvironmentKey.port, value) }
        if let value = nonEmpty(EnvironmentKey.corsOrigins) { configuration.corsOrigins = splitOrigins(value) }
        if let value = nonEmpty(EnvironmentKey.rateLimitPerMinute) {
            configuration.rateLimits = RateLimitPolicy.scaled(toDefaultPerMinute: try integer(EnvironmentKey.rateLimitPerMinute, value))
        }
        if let value = nonEmpty(EnvironmentKey.maxRequestBodyBytes) {
            configuration.maxRequestBodyBytes = try integer(EnvironmentKey.maxRequestBodyBytes, value)
        }
        if let value = nonEmpty(EnvironmentKey.headerTimeoutSeconds) {
            configuration.headerTimeoutSeconds = try integer(EnvironmentKey.headerTimeoutSeconds, value)
        }
        if let value = nonEmpty(EnvironmentKey.bodyTimeoutSeconds) {
            configuration.bodyTimeoutSeconds = try integer(EnvironmentKey.bodyTimeoutSeconds, value)
        }
        if let value = nonEmpty(EnvironmentKey.writeTimeoutSeconds) {
            configuration.writeTimeoutSeconds = try integer(EnvironmentKey.writeTimeoutSeconds, value)
        }
        if let value = nonEmpty(EnvironmentKey.idleTimeoutSeconds) {
            configuration.idleTimeoutSeconds = try integer(EnvironmentKey.idleTimeoutSeconds, value)
        }
        if let value = nonEmpty(EnvironmentKey.maxConnections) {
            configuration.maxConnections = try integer(EnvironmentKey.maxConnections, value)
        }
        if let value = nonEmpty(EnvironmentKey.responseCacheSeconds) {
            configuration.responseCacheSeconds = try integer(EnvironmentKey.responseCacheSeconds, value)
        }
        if let value = nonEmpty(EnvironmentKey.trustForwardedHeaders) {
            switch value.lowercased() {
            case "1", "true", "yes": configuration.trustForwardedHeaders = true
            case "0", "false", "no": configuration.trustForwardedHeaders = false
            default:
                throw ServerConfigurationError.invalidValue(
                    setting: EnvironmentKey.trustForwardedHeaders, value: value, expected: "true or false")
            }
        }
        if let host = overrides.host { configuration.host = host }
        if let port = overrides.port { configuration.port = port }
        if let origins = overrides.corsOrigins { configuration.corsOrigins = origins.flatMap(splitOrigins) }
        if let perMinute = overrides.rateLimitPerMinute { configuration.rateLimits = .scaled(toDefaultPerMinute: perMinute) }
        if let bytes = overrides.maxRequestBodyBytes { configuration.maxRequestBodyBytes = bytes }
        if let trust = overrides.trustForwardedHeaders { configuration.trustForwardedHeaders = trust }
        if let seconds = overrides.headerTimeoutSeconds { configuration.headerTimeoutSeconds = seconds }
        if let seconds = overrides.idleTimeoutSeconds { configuration.idleTimeoutSeconds = seconds }
        if let seconds = overrides.bodyTimeoutSeconds { configuration.bodyTimeoutSeconds = seconds }
        if let seconds = overrides.writeTimeoutSeconds { configuration.writeTimeoutSeconds = seconds }
        if let count = overrides.maxConnections { configuration.maxConnections = count }
        if let seconds = overrides.responseCacheSeconds { configuration.responseCacheSeconds = seconds }
        try configuration.validate()
        return configuration
    }

    /// Checks ranges: port 0…65535, a non-empty host, a body limit of at least 1 KiB, timeouts of 1…3600 s, at least
    /// one connection, origins that look like origins.
    package func validate() throws {
        for (setting, seconds) in [("header timeout seconds", headerTimeoutSeconds), ("idle timeout seconds", idleTimeoutSeconds),
                                   ("body timeout seconds", bodyTimeoutSeconds), ("write timeout seconds", writeTimeoutSeconds)] {
            guard (1...3_600).contains(seconds) else {
                throw ServerConfigurationError.invalidValue(setting: setting, value: String(seconds), expected: "1...3600")
            }
        }
        guard (0...86_400).contains(responseCacheSeconds) else {
            throw ServerConfigurationError.invalidValue(
                setting: "response cache seconds", value: String(responseCacheSeconds), expected: "0...86400")
        }
        guard maxConnections >= 1 else {
            throw ServerConfigurationError.invalidValue(setting: "max connections", value: String(maxConnections), expected: "at least 1")
        }
        guard (0...65_535).contains(port) else {
            throw ServerConfigurationError.invalidValue(setting: "port", value: String(port), expected: "0...65535")
        }
        guard !host.isEmpty else {
            throw ServerConfigurationError.invalidValue(setting: "host", value: host, expected: "a host name or address")
        }
        guard maxRequestBodyBytes >= 1024 else {
            throw ServerConfigurationError.invalidValue(
                setting: "max request body bytes", value: String(maxRequestBodyBytes), expected: "at least 1024")
        }
        for origin in corsOrigins where origin != "*" {
            guard origin.hasPrefix("http://") || origin.hasPrefix("https://"), !origin.hasSuffix("/") else {
                throw ServerConfigurationError.invalidValue(
                    setting: "CORS origin", value: origin, expected: "scheme://host[:port] without a trailing slash, or *")
            }
        }
        try rateLimits.validate()
    }

    private static func splitOrigins(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
