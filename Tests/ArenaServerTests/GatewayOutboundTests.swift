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

    /// The close frames asked for, by reason.
    final class Closes: Sendable {
        let reasons = Mutex<[GatewayOutbound.Ending]>([])
        func record(_ reason: GatewayOutbound.Ending) { reasons.withLock { $0.append(reason) } }
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
        let outbound = GatewayOutbound(channel: channel, queueLimit: 8) { _ in }
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
        let channel = EmbeddedChannel()
        let outbound = GatewayOutbound(channel: channel, queueLimit: 3) { _ in }
        channel.isWritable = false
        for n in 1...3 { outbound.send(ByteBuffer(string: "frame \(n)")) }
        #expect(outbound.endedBecause == nil)
        outbound.send(ByteBuffer(string: "one too many"))
        #expect(outbound.endedBecause == .slowConsumer)
        #expect(!channel.isActive)
    }

    @Test func aChannelWritableAgainStartsItsCountAfresh() throws {
        let channel = EmbeddedChannel()
        let outbound = GatewayOutbound(channel: channel, queueLimit: 2) { _ in }
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
        let channel = EmbeddedChannel()
        let outbound = GatewayOutbound(channel: channel, queueLimit: 8) { _ in }
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

    @Test func theLivenessHandlerSeesEveryFrameAndPassesItOn() throws {
        let channel = EmbeddedChannel()
        let outbound = GatewayOutbound(channel: channel, queueLimit: 8) { _ in }
        try channel.pipeline.syncOperations.addHandler(GatewayLivenessHandler(outbound: outbound))
        // Last heard from long ago: without a new frame the next ping would drop it.
        outbound.heard(at: NIODeadline.now() - .seconds(600))
        try channel.writeInbound(WebSocketFrame(fin: true, opcode: .pong, data: ByteBuffer()))
        #expect(try channel.readInbound(as: WebSocketFrame.self)?.opcode == .pong)
        outbound.ping(closingIfSilentFor: .seconds(45), now: NIODeadline.now() + .seconds(1))
        #expect(outbound.endedBecause == nil)
    }

    @Test func anEndedSessionGetsItsCloseFrameAndNothingAfter() async throws {
        let channel = EmbeddedChannel()
        let closes = Closes()
        let (closed, signal) = AsyncStream.makeStream(of: Void.self)
        let outbound = GatewayOutbound(channel: channel, queueLimit: 8) { reason in
            closes.record(reason)
            signal.yield()
        }
        outbound.end(.sessionEnded)
        outbound.end(.slowConsumer)  // the first reason wins
        outbound.send(ByteBuffer(string: "late"))
        var wait = closed.makeAsyncIterator()
        _ = await wait.next()

        #expect(outbound.endedBecause == .sessionEnded)
        #expect(closes.reasons.withLock { $0 } == [.sessionEnded])
        channel.embeddedEventLoop.run()
        #expect(try written(channel).isEmpty)
    }
}
