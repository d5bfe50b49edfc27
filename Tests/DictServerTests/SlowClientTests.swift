import NIOCore
import NIOEmbedded
import Testing
@testable import DictServer

/// A response never read ends with a closed connection after the write timeout (the trickled body is tested on a
/// live socket in `ConnectionHardeningTests`): the handler's clocks, driven without a socket.
@Suite("Slow readers")
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
}
