import ArenaKit
import Foundation
import NIOCore
import NIOEmbedded
import NIOWebSocket
import Testing

@testable import ArenaServer

/// The hub's goodbye on a graceful shutdown, on embedded channels: every connection hears
/// `server_shutdown` and gets the 1001 close, including one whose session registers only after
/// the goodbye went out (upgraded just before the signal).
@Suite struct RealtimeHubTests {
    struct Connection {
        let channel: EmbeddedChannel
        let handle: RealtimeHub.Handle

        init(user: String) {
            channel = EmbeddedChannel()
            handle = RealtimeHub.Handle(
                id: UUID(), userID: user, sessionID: "s-\(user)",
                outbound: GatewayOutbound(channel: channel, queueLimit: 8))
        }

        /// The frames written so far: text frames as their text, a close frame as its code.
        func written() throws -> [String] {
            channel.embeddedEventLoop.run()
            var frames: [String] = []
            while let frame = try channel.readOutbound(as: WebSocketFrame.self) {
                switch frame.opcode {
                case .text: frames.append(String(buffer: frame.data))
                case .connectionClose:
                    var data = frame.data
                    frames.append("close \(data.readWebSocketErrorCode().map { UInt16(webSocketErrorCode: $0) } ?? 0)")
                default: frames.append("\(frame.opcode)")
                }
            }
            return frames
        }
    }

    func isGoodbye(_ text: String) -> Bool {
        guard case .serverShutdown(_)? = try? WireCodec.decodeServer(text) else { return false }
        return true
    }

    @Test func everyConnectionHearsTheGoodbyeEvenOneThatRegistersAfterIt() async throws {
        let hub = RealtimeHub()
        let early = Connection(user: "u-early")
        await hub.register(early.handle)
        #expect(try early.written().isEmpty)

        hub.closeAll(retryAfter: .seconds(3))
        let earlyFrames = try early.written()
        #expect(earlyFrames.count == 2)
        #expect(earlyFrames.first.map(isGoodbye) == true)
        #expect(earlyFrames.last == "close 1001")

        let late = Connection(user: "u-late")
        await hub.register(late.handle)
        let lateFrames = try late.written()
        #expect(lateFrames.count == 2)
        #expect(lateFrames.first.map(isGoodbye) == true)
        #expect(lateFrames.last == "close 1001")
        #expect(late.handle.outbound.endedBecause == .serverShutdown)
    }

    @Test func beforeAShutdownARegisteredConnectionIsToldNothing() async throws {
        let hub = RealtimeHub()
        let connection = Connection(user: "u-1")
        await hub.register(connection.handle)
        #expect(try connection.written().isEmpty)
        #expect(connection.handle.outbound.endedBecause == nil)
        #expect(hub.connectionCount == 1)
    }
}
