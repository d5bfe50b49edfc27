import NIOCore

/// The per-connection clocks `DictHTTP1Channel` installs (`ServerConfiguration` gives them in seconds).
struct ConnectionTimeouts: Sendable {
    /// To receive a request's line and headers (`HeaderTimeoutHandler`).
    var header: TimeAmount
    /// To receive a request's whole body once its head has arrived (`SlowClientHandler`).
    var body: TimeAmount
    /// That the socket may stay unwritable because the client does not read (`SlowClientHandler`).
    var write: TimeAmount
    /// That a connection may stay silent between requests (Hummingbird's idle handler).
    var idle: TimeAmount

    init(_ configuration: ServerConfiguration) {
        header = .seconds(Int64(configuration.headerTimeoutSeconds))
        body = .seconds(Int64(configuration.bodyTimeoutSeconds))
        write = .seconds(Int64(configuration.writeTimeoutSeconds))
        idle = .seconds(Int64(configuration.idleTimeoutSeconds))
    }
}
