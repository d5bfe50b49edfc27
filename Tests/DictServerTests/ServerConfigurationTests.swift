import DictServer
import Testing

@Suite("ServerConfiguration")
struct ServerConfigurationTests {
    @Test func defaultsAreLoopbackAndStandardLimits() throws {
        let configuration = try ServerConfiguration.resolve(environment: [:])
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.corsOrigins.isEmpty)
        #expect(configuration.rateLimits == .standard)
        #expect(configuration.trustForwardedHeaders == false)
    }

    @Test func connectionDefencesHaveDocumentedDefaultsAndAreConfigurable() throws {
        let defaults = try ServerConfiguration.resolve(environment: [:])
        #expect(defaults.headerTimeoutSeconds == 10 && defaults.idleTimeoutSeconds == 60 && defaults.maxConnections == 512)
        let environment = ["DICT_HEADER_TIMEOUT_SECONDS": "5", "DICT_IDLE_TIMEOUT_SECONDS": "30", "DICT_MAX_CONNECTIONS": "100"]
        let configured = try ServerConfiguration.resolve(environment: environment, overrides: .init(idleTimeoutSeconds: 45))
        #expect(configured.headerTimeoutSeconds == 5 && configured.idleTimeoutSeconds == 45 && configured.maxConnections == 100)
        #expect(throws: ServerConfigurationError.self) { try ServerConfiguration.resolve(environment: ["DICT_HEADER_TIMEOUT_SECONDS": "0"]) }
        #expect(throws: ServerConfigurationError.self) { try ServerConfiguration.resolve(environment: ["DICT_MAX_CONNECTIONS": "0"]) }
        #expect(throws: ServerConfigurationError.self) { try ServerConfiguration.resolve(environment: ["DICT_IDLE_TIMEOUT_SECONDS": "soon"]) }
    }

    @Test func slowClientTimeoutsHaveDefaultsAndAreConfigurable() throws {
        let defaults = try ServerConfiguration.resolve(environment: [:])
        #expect(defaults.bodyTimeoutSeconds == 30 && defaults.writeTimeoutSeconds == 30)
        let configured = try ServerConfiguration.resolve(
            environment: ["DICT_BODY_TIMEOUT_SECONDS": "5", "DICT_WRITE_TIMEOUT_SECONDS": "7"], overrides: .init(writeTimeoutSeconds: 9))
        #expect(configured.bodyTimeoutSeconds == 5 && configured.writeTimeoutSeconds == 9)
        #expect(throws: ServerConfigurationError.self) { try ServerConfiguration.resolve(environment: ["DICT_BODY_TIMEOUT_SECONDS": "0"]) }
        #expect(throws: ServerConfigurationError.self) { try ServerConfiguration.resolve(environment: ["DICT_WRITE_TIMEOUT_SECONDS": "3601"]) }
    }

    @Test func environmentIsReadAndFlagsWin() throws {
        let environment = [
            "DICT_HOST": "0.0.0.0", "DICT_PORT": "9000", "DICT_CORS_ORIGINS": "https://a.example, https://b.example",
            "DICT_RATE_LIMIT_PER_MINUTE": "0", "DICT_MAX_BODY_BYTES": "4096", "DICT_TRUST_PROXY": "true",
        ]
        let fromEnvironment = try ServerConfiguration.resolve(environment: environment)
        #expect(fromEnvironment.host == "0.0.0.0")
        #expect(fromEnvironment.port == 9000)
        #expect(fromEnvironment.corsOrigins == ["https://a.example", "https://b.example"])
        #expect(fromEnvironment.rateLimits.isEnabled == false)
        #expect(fromEnvironment.maxRequestBodyBytes == 4096)
        #expect(fromEnvironment.trustForwardedHeaders)
        let overridden = try ServerConfiguration.resolve(
            environment: environment, overrides: .init(host: "127.0.0.1", port: 0, corsOrigins: ["*"], rateLimitPerMinute: 30))
        #expect(overridden.host == "127.0.0.1")
        #expect(overridden.port == 0)
        #expect(overridden.corsOrigins == ["*"])
        #expect(overridden.rateLimits.defaultLimit.limit == 30)
    }

    @Test(arguments: [
        ["DICT_PORT": "eighty"], ["DICT_PORT": "70000"], ["DICT_MAX_BODY_BYTES": "10"],
        ["DICT_CORS_ORIGINS": "app.example"], ["DICT_CORS_ORIGINS": "https://app.example/"], ["DICT_TRUST_PROXY": "maybe"],
    ])
    func invalidSettingsThrowNamingTheSetting(environment: [String: String]) {
        #expect(throws: ServerConfigurationError.self) { try ServerConfiguration.resolve(environment: environment) }
    }
}
