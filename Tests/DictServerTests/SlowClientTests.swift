import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing
@testable import DictServer

/// The slow-client clocks driven without a socket (the trickled body is also tested on a live socket in
/// `ConnectionHardeningTests`): a response never read ends with a closed connection after the write timeout; a body
/// that never completes gets a 408 unless a response is already on its way, which a 408 would corrupt.
@Suite("Slow-client clocks")
struct SlowClientTests {
    @Test func aConnectionLeftUnwritableIsClosedAfterTheWriteTimeout() throws {
        let channel = EmbeddedChannel(handler: SlowClientHandler(bodyTimeout: .seconds(30), writeTimeout: .seconds(2)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        channel.isWritable = false
        channel.pipeline.fireChannelWritabilityChanged()
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(1_900))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(200))
        #expect(!channel.isActive)
    }

    @Test func aReaderThatCatchesUpKeepsItsConnection() throws {
        let channel = EmbeddedChannel(handler: SlowClientHandler(bodyTimeout: .seconds(30), writeTimeout: .seconds(2)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        channel.isWritable = false
        channel.pipeline.fireChannelWritabilityChanged()
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        channel.isWritable = true
        channel.pipeline.fireChannelWritabilityChanged()
        channel.embeddedEventLoop.advanceTime(by: .seconds(5))
        #expect(channel.isActive)
        _ = try channel.finish()
    }

    private static func postHead() -> HTTPRequestPart {
        .head(HTTPRequest(method: .post, scheme: nil, authority: "x", path: "/api/v1/batch/query"))
    }

    @Test func aBodyThatNeverEndsGets408() throws {
        let channel = EmbeddedChannel(handler: SlowClientHandler(bodyTimeout: .seconds(3), writeTimeout: .seconds(30)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        try channel.writeInbound(Self.postHead())
        _ = try channel.readInbound(as: HTTPRequestPart.self)
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil)
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        guard case .head(let response)? = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no 408 head written")
            return
        }
        #expect(response.status == .requestTimeout)
        #expect(response.headerFields[.connection] == "close")
        #expect(!channel.isActive)
    }

    @Test func aBodyThatEndsInTimeStopsTheClock() throws {
        let channel = EmbeddedChannel(handler: SlowClientHandler(bodyTimeout: .seconds(3), writeTimeout: .seconds(30)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        try channel.writeInbound(Self.postHead())
        try channel.writeInbound(HTTPRequestPart.end(nil))
        channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil)
        #expect(channel.isActive)
        _ = try channel.finish()
    }

    @Test func aStalledBodyDuringAResponseClosesWithoutA408() throws {
        let channel = EmbeddedChannel(handler: SlowClientHandler(bodyTimeout: .seconds(3), writeTimeout: .seconds(30)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        try channel.writeInbound(Self.postHead())
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        _ = try channel.readOutbound(as: HTTPResponsePart.self)
        channel.embeddedEventLoop.advanceTime(by: .seconds(4))
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil)
        #expect(!channel.isActive)
    }
}
