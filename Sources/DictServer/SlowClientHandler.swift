import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// The slow-client defences after the HTTP codec, one connection each:
///
/// - **slow body**: once a request head has arrived, its body must be complete within `bodyTimeout`. Hummingbird's
///   idle timeout restarts with every byte, so a client trickling one byte a minute would otherwise hold the
///   connection (and a request task) for as long as it likes. On expiry the client gets `408` (when no response
///   has started yet) and the connection closes.
/// - **slow reader**: a client that stops reading its response leaves the socket unwritable; if it stays so for
///   `writeTimeout`, the connection closes, so one stalled reader cannot pin a response's buffers indefinitely.
final class SlowClientHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let bodyTimeout: TimeAmount
    private let writeTimeout: TimeAmount
    private var bodyDeadline: Scheduled<Void>?
    private var writeDeadline: Scheduled<Void>?
    /// Whether a response to the current request has started (then a late body gets no 408 of its own).
    private var responseStarted = false
    /// Whether a response (to this request or, pipelined, an earlier one) is being written: a 408 now would land
    /// inside it.
    private var writingResponse = false

    init(bodyTimeout: TimeAmount, writeTimeout: TimeAmount) {
        self.bodyTimeout = bodyTimeout
        self.writeTimeout = writeTimeout
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancel(&bodyDeadline)
        cancel(&writeDeadline)
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancel(&bodyDeadline)
        cancel(&writeDeadline)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            responseStarted = false
            cancel(&bodyDeadline)
            bodyDeadline = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(in: bodyTimeout) { [self] in
                bodyDeadline = nil
                bodyTimedOut(context: context)
            }
        case .body:
            break
        case .end:
            cancel(&bodyDeadline)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head:
            responseStarted = true
            writingResponse = true
        case .body: break
        case .end: writingResponse = false
        }
        context.write(data, promise: promise)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            cancel(&writeDeadline)
        } else if writeDeadline == nil {
            writeDeadline = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(in: writeTimeout) { [self] in
                writeDeadline = nil
                guard !context.channel.isWritable else { return }
                context.close(promise: nil)
            }
        }
        context.fireChannelWritabilityChanged()
    }

    /// The body did not arrive in time: 408 with `Connection: close` if the request has no response yet (the
    /// connection guard closes after it), else just close.
    private func bodyTimedOut(context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        guard !responseStarted, !writingResponse else {
            context.close(promise: nil)
            return
        }
        let seconds = Double(bodyTimeout.nanoseconds) / 1e9
        let body = #"{"success":false,"code":"REQUEST_TIMEOUT","error":"Request body not complete within "#
            + "\(seconds.formatted()) s: expected the whole body the request announced\"}"
        var head = HTTPResponse(status: .requestTimeout)
        head.headerFields[.connection] = "close"
        head.headerFields[.contentType] = "application/json"
        head.headerFields[.contentLength] = String(body.utf8.count)
        responseStarted = true
        writingResponse = true
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(ByteBuffer(string: body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.close(promise: nil)
    }

    private func cancel(_ deadline: inout Scheduled<Void>?) {
        deadline?.cancel()
        deadline = nil
    }
}
