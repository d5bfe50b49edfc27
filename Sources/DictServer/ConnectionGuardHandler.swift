import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Watches decoded request heads and encoded responses on one connection, after the HTTP codec:
///
/// - tells `HeaderTimeoutHandler` when a head is complete and when the last response in flight is written, so the
///   header clock covers exactly the time a head is awaited;
/// - closes the connection once a response is written when either side asked for it: the response says
///   `Connection: close` (framing errors, refused upgrades), or the request was `CONNECT` or carried `Upgrade`.
///   After such a request the HTTP/1 decoder has stopped parsing, so a kept-open connection would stall until the
///   idle timeout; closing gives the client a clean end instead.
final class ConnectionGuardHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var headerTimeout: HeaderTimeoutHandler?
    private var requestsInFlight = 0
    private var closeAfterResponse = false

    init() {}

    func handlerAdded(context: ChannelHandlerContext) {
        headerTimeout = try? context.pipeline.syncOperations.handler(type: HeaderTimeoutHandler.self)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) {
            requestsInFlight += 1
            headerTimeout?.headReceived()
            if head.method == .connect || head.headerFields[.upgrade] != nil { closeAfterResponse = true }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            if head.headerFields[.connection]?.lowercased().contains("close") == true { closeAfterResponse = true }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            requestsInFlight = max(0, requestsInFlight - 1)
            if closeAfterResponse {
                context.writeAndFlush(data, promise: promise)
                context.close(promise: nil)
                return
            }
            if requestsInFlight == 0 { headerTimeout?.responseFinished() }
            context.write(data, promise: promise)
        }
    }
}
