import Foundation
import NIOCore

/// Closes a connection whose request head does not arrive in time (the slow-header "slowloris" defence).
///
/// Sits first in the pipeline, before the HTTP decoder, because a half-sent head produces no decoded part at all:
/// only raw bytes show that a client has started a request. The clock runs from the moment the connection opens,
/// and on a kept-alive connection from the first byte after the previous response; it stops when
/// `ConnectionGuardHandler` reports a complete head. A silent kept-alive connection is not its business (that is
/// Hummingbird's idle timeout). On expiry it answers `408` itself (no response is in progress while a head is
/// awaited, so the bytes go straight to the socket) and closes.
final class HeaderTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let timeout: TimeAmount
    private let timeoutResponse: ByteBuffer
    private var awaitingHead = true
    private var deadline: Scheduled<Void>?
    private var context: ChannelHandlerContext?

    init(timeout: TimeAmount) {
        self.timeout = timeout
        let seconds = Double(timeout.nanoseconds) / 1e9
        let body = #"{"success":false,"code":"REQUEST_TIMEOUT","error":"Request head not complete within "#
            + "\(seconds.formatted()) s: expected the request line and all headers\"}"
        timeoutResponse = ByteBuffer(string: "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { startClock() }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopClock()
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        startClock()
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopClock()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if awaitingHead { startClock() }
        context.fireChannelRead(data)
    }

    /// A complete request head was decoded: stop the clock until the response is done.
    func headReceived() {
        awaitingHead = false
        stopClock()
    }

    /// The last response in flight was written: the next head's clock starts with its first byte.
    func responseFinished() {
        awaitingHead = true
    }

    private func startClock() {
        guard deadline == nil, let context else { return }
        deadline = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(in: timeout) { [self] in
            deadline = nil
            guard awaitingHead, let context = self.context else { return }
            context.writeAndFlush(wrapOutboundOut(timeoutResponse), promise: nil)
            context.close(promise: nil)
        }
    }

    private func stopClock() {
        deadline?.cancel()
        deadline = nil
    }
}
