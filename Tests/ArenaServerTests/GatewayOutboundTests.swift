import NIOCore
import NIOEmbedded
import NIOWebSocket
import Synchronization
import Testing

@testable import ArenaServer

/// `GatewayOutbound` on an embedded channel: its event loop runs only when the test says so, which
/// makes "frames waiting for the event loop" and "the channel stopped being writable" exact.
@Suite struct GatewayOutboundTests {
    /// Counts the flushes that reach the socket end of the pipeline.
    final class FlushCounter: ChannelOutboundHandler, Sendable {
        typealias OutboundIn = WebSocketFrame
        let flushes = Atomic<Int>(0)
        func flush(context: ChannelHandlerContext) {
            flushes.add(1, ordering: .relaxed)
            context.flush()
        }
    }

    /// An embedded channel is active only once connected; the tests that close it need it active.
    func connectedChannel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        channel.connect(to: try SocketAddress(ipAddress: "127.0.0.1", port: 1), promise: nil)
        #expect(channel.isActive)
        return channel
    }

    func written(_ channel: EmbeddedChannel) throws -> [String] {
        var texts: [String] = []
        while let frame = try channel.readOutbound(as: WebSocketFrame.self) {
            #expect(frame.opcode == .text && frame.fin)
            texts.append(String(buffer: frame.data))
        }
        return texts
    }

    @Test func framesWaitingForTheEventLoopLeaveInOrderInOneFlush() throws {
        let counter = FlushCounter()
        let channel = EmbeddedChannel(handler: counter)
        let outbound = GatewayOutbound(channel: channel, queueLimit: 8)
        outbound.send(ByteBuffer(string: "update"))
        outbound.send(ByteBuffer(string: "ack"))
        #expect(try written(channel).isEmpty)

        channel.embeddedEventLoop.run()
        #expect(try written(channel) == ["update", "ack"])
        #expect(counter.flushes.load(ordering: .relaxed) == 1)

        outbound.send(ByteBuffer(string: "next"))
        channel.embeddedEventLoop.run()
        #expect(try written(channel) == ["next"])
        #expect(counter.flushes.load(ordering: .relaxed) == 2)
    }

    @Test func aPeerThatStopsReadingIsCutOffAfterTheQueueLimit() throws {
        let channel = try connectedChannel()
        let outbound = GatewayOutbound(channel: channel, queueLimit: 3)
        channel.isWritable = false
        for n in 1...3 { outbound.send(ByteBuffer(string: "frame \(n)")) }
        #expect(outbound.endedBecause == nil)
        outbound.send(ByteBuffer(string: "one too many"))
        #expect(outbound.endedBecause == .slowConsumer)
        #expect(!channel.isActive)
    }

    @Test func aChannelWritableAgainStartsItsCountAfresh() throws {
        let channel = try connectedChannel()
        let outbound = GatewayOutbound(channel: channel, queueLimit: 2)
        channel.isWritable = false
        outbound.send(ByteBuffer(string: "a"))
        outbound.send(ByteBuffer(string: "b"))
        channel.isWritable = true
        outbound.send(ByteBuffer(string: "c"))
        channel.isWritable = false
        outbound.send(ByteBuffer(string: "d"))
        outbound.send(ByteBuffer(string: "e"))
        #expect(outbound.endedBecause == nil)
        channel.embeddedEventLoop.run()
        #expect(try written(channel) == ["a", "b", "c", "d", "e"])
    }

    @Test func aPeerHeardFromLatelyIsPingedAndASilentOneIsDropped() throws {
        let channel = try connectedChannel()
        let outbound = GatewayOutbound(channel: channel, queueLimit: 8)
        let start = NIODeadline.uptimeNanoseconds(1_000_000_000_000)
        outbound.heard(at: start)
        outbound.ping(closingIfSilentFor: .seconds(45), now: start + .seconds(30))
        channel.embeddedEventLoop.run()
        let ping = try #require(try channel.readOutbound(as: WebSocketFrame.self))
        #expect(ping.opcode == .ping && ping.fin)
        #expect(outbound.endedBecause == nil)

        outbound.heard(at: start + .seconds(31))  // the pong
        outbound.ping(closingIfSilentFor: .seconds(45), now: start + .seconds(60))
        #expect(outbound.endedBecause == nil)
        outbound.ping(closingIfSilentFor: .seconds(45), now: start + .seconds(90))
        #expect(outbound.endedBecause == .unresponsive)
        #expect(!channel.isActive)
    }

    /// A ping round takes its clock once; a busy peer heard after that instant must not look
    /// silent (the subtraction once wrapped around and cut off the busiest connections).
    @Test func aPeerHeardDuringThePingRoundIsNotSilent() throws {
        let channel = try connectedChannel()
        let outbound = GatewayOutbound(channel: channel, queueLimit: 8)
        let roundStarted = NIODeadline.uptimeNanoseconds(1_000_000_000_000)
        outbound.heard(at: roundStarted + .milliseconds(3))
        outbound.ping(closingIfSilentFor: .seconds(45), now: roundStarted)
        #expect(outbound.endedBecause == nil)
        #expect(channel.isActive)
    }

    /// The close frame's code and reason.
    func closeFrame(_ channel: EmbeddedChannel) throws -> (WebSocketErrorCode?, String) {
        let frame = try #require(try channel.readOutbound(as: WebSocketFrame.self))
        #expect(frame.opcode == .connectionClose && frame.fin)
        var data = frame.data
        let code = data.readWebSocketErrorCode()
        return (code, String(buffer: data))
    }

    @Test func anEndedSessionGetsItsCloseFrameAfterWhatWasQueuedAndNothingAfter() throws {
        let channel = try connectedChannel()
        let outbound = GatewayOutbound(channel: channel, queueLimit: 8, closeTimeout: .seconds(5))
        outbound.send(ByteBuffer(string: "before"))
        outbound.end(.sessionEnded)
        outbound.end(.slowConsumer)  // the first reason wins
        outbound.send(ByteBuffer(string: "late"))
        #expect(outbound.endedBecause == .sessionEnded)
        #expect(outbound.isClosing)

        channel.embeddedEventLoop.run()
        let first = try #require(try channel.readOutbound(as: WebSocketFrame.self))
        #expect(String(buffer: first.data) == "before")
        let (code, reason) = try closeFrame(channel)
        #expect(code == .policyViolation && reason == "Session ended")
        #expect(try channel.readOutbound(as: WebSocketFrame.self) == nil)
        #expect(channel.isActive)  // waiting for the peer's answer...

        channel.embeddedEventLoop.advanceTime(by: .seconds(5))
        #expect(!channel.isActive)  // ...but not for ever
    }

    @Test func answeringThePeersCloseDisconnectsOnceWritten() throws {
        let channel = try connectedChannel()
        let outbound = GatewayOutbound(channel: channel, queueLimit: 8)
        outbound.close(code: .normalClosure, disconnect: true)
        outbound.close(code: .protocolError, reason: "second")  // only the first close counts
        channel.embeddedEventLoop.run()
        let (code, reason) = try closeFrame(channel)
        #expect(code == .normalClosure && reason.isEmpty)
        #expect(!channel.isActive)
    }

    @Test func shutdownAndFloodSayWhy() throws {
        for (ending, expected) in [
            (GatewayOutbound.Ending.serverShutdown, (WebSocketErrorCode.goingAway, "Server shutting down")),
            (.flood, (.policyViolation, "Too many messages")),
        ] {
            let channel = try connectedChannel()
            let outbound = GatewayOutbound(channel: channel, queueLimit: 8)
            outbound.end(ending)
            channel.embeddedEventLoop.run()
            let (code, reason) = try closeFrame(channel)
            #expect(code == expected.0 && reason == expected.1)
        }
    }
}
