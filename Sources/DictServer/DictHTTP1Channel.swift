import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1 child channel with the connection defences `ServerConfiguration` asks for: a header-read
/// timeout (`HeaderTimeoutHandler`, first in the pipeline, where raw bytes are still visible), close-after-response
/// for refused upgrades and broken framing (`ConnectionGuardHandler`, after the codec), a body deadline and a write
/// timeout (`SlowClientHandler`), and Hummingbird's own idle timeout for silent kept-alive connections.
struct DictHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let inner: HTTP1Channel
    let headerTimeout: TimeAmount

    init(responder: @escaping HTTPChannelHandler.Responder, timeouts: ConnectionTimeouts) {
        inner = HTTP1Channel(
            responder: responder,
            configuration: .init(
                additionalChannelHandlers: [
                    ConnectionGuardHandler(),
                    SlowClientHandler(bodyTimeout: timeouts.body, writeTimeout: timeouts.write),
                ],
                idleTimeout: timeouts.idle))
        self.headerTimeout = timeouts.header
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let headerTimeout = headerTimeout
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(HeaderTimeoutHandler(timeout: headerTimeout))
        }.flatMap { inner.setup(channel: channel, logger: logger) }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }

    /// The server builder `Application` takes.
    static func builder(timeouts: ConnectionTimeouts) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in DictHTTP1Channel(responder: responder, timeouts: timeouts) }
    }
}
