import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import Synchronization

/// The way out of one gateway connection. Frames are written straight to the connection's NIO
/// channel by whichever task produced them (a game, the hub), without a writer task, a queue or a
/// hop through the WebSocket layer's actor per frame: with those, each move woke three tasks and
/// crossed an actor three times before reaching the socket, which was most of the server's time.
/// NIO keeps a channel's writes in order and runs them on its event loop, so this is safe from any
/// thread; the gateway sets up no WebSocket extensions, so a frame needs no processing first.
/// Frames sent while the event loop has not yet taken the previous ones leave together, in one
/// flush (one `write` system call): a mover's `game_update` and `ack` usually do.
///
/// A peer that stops reading is cut off: once NIO's buffer for it is past its high-water mark
/// (the channel is no longer writable), `queueLimit` more frames are allowed before the
/// connection is closed, so a slow client can never grow the server's memory.
final class GatewayOutbound: Sendable {
    typealias Ending = RealtimeHub.TerminationReason

    private let channel: any Channel
    /// Sends the close frame for a reason, through the WebSocket layer (which sends it once).
    private let sendClose: @Sendable (Ending) async -> Void
    private let queueLimit: Int
    /// Frames written while the channel was not writable, since it last was.
    private let backlog = Atomic<Int>(0)
    private let ending = Mutex<Ending?>(nil)
    /// Frames waiting for the event loop, and whether it has been asked to take them.
    private let pending = Mutex<(frames: [WebSocketFrame], scheduled: Bool)>(([], false))
    /// When the peer last sent a frame (`NIODeadline` nanoseconds), for `GatewayPinger`.
    private let lastHeard = Atomic<UInt64>(NIODeadline.now().uptimeNanoseconds)

    init(channel: any Channel, queueLimit: Int, sendClose: @escaping @Sendable (Ending) async -> Void) {
        self.channel = channel
        self.queueLimit = queueLimit
        self.sendClose = sendClose
    }

    /// The gateway's outbound: close frames go through hummingbird's writer.
    convenience init(channel: any Channel, writer: WebSocketOutboundWriter, queueLimit: Int) {
        self.init(channel: channel, queueLimit: queueLimit) { reason in
            try? await writer.close(.policyViolation, reason: Self.closeReason(reason))
        }
    }

    /// Why the connection is ending, once something decided it should.
    var endedBecause: Ending? { ending.withLock { $0 } }

    /// Sends one text frame (UTF-8 JSON). Dropped once the connection is ending.
    func send(_ text: ByteBuffer) {
        enqueue(WebSocketFrame(fin: true, opcode: .text, data: text))
    }

    /// The peer sent a frame (`GatewayLivenessHandler`).
    func heard(at now: NIODeadline = .now()) {
        lastHeard.store(now.uptimeNanoseconds, ordering: .relaxed)
    }

    /// Pings the peer, or, when it has sent nothing for longer than `silence`, ends the connection.
    func ping(closingIfSilentFor silence: TimeAmount, now: NIODeadline = .now()) {
        let quiet = now.uptimeNanoseconds &- lastHeard.load(ordering: .relaxed)
        if quiet > UInt64(max(silence.nanoseconds, 0)) {
            end(.unresponsive)
        } else {
            enqueue(WebSocketFrame(fin: true, opcode: .ping, data: ByteBuffer()))
        }
    }

    private func enqueue(_ frame: WebSocketFrame) {
        guard endedBecause == nil else { return }
        if channel.isWritable {
            backlog.store(0, ordering: .relaxed)
        } else if backlog.wrappingAdd(1, ordering: .relaxed).newValue > queueLimit {
            end(.slowConsumer)
            return
        }
        let schedule = pending.withLock { pending -> Bool in
            pending.frames.append(frame)
            guard !pending.scheduled else { return false }
            pending.scheduled = true
            return true
        }
        if schedule { channel.eventLoop.execute { self.flushPending() } }
    }

    /// On the event loop: writes every waiting frame, then flushes once.
    private func flushPending() {
        let frames = pending.withLock { pending -> [WebSocketFrame] in
            var taken: [WebSocketFrame] = []
            swap(&taken, &pending.frames)
            pending.scheduled = false
            return taken
        }
        for frame in frames { channel.write(frame, promise: nil) }
        channel.flush()
    }

    /// Ends the connection from outside its own task; the first reason given wins.
    ///
    /// A slow consumer or a peer that stopped answering pings is dropped at once (a close handshake
    /// would only wait).
    /// An ended session gets the close frame its client can show, and the socket is closed after
    /// the handshake's grace time in case the client never answers. A flood is closed by the
    /// connection's own reader, which is the one that notices it.
    func end(_ reason: Ending) {
        let first = ending.withLock { current -> Bool in
            guard current == nil else { return false }
            current = reason
            return true
        }
        guard first else { return }
        switch reason {
        case .slowConsumer, .unresponsive:
            channel.close(promise: nil)
        case .sessionEnded:
            let sendClose = self.sendClose
            Task { await sendClose(.sessionEnded) }
            let channel = self.channel
            channel.eventLoop.scheduleTask(in: .seconds(5)) { channel.close(promise: nil) }
        case .flood:
            break
        }
    }

    /// Sends the close frame for how the connection ended (the WebSocket layer sends it once).
    func close(_ reason: Ending) async {
        await sendClose(reason)
    }

    static func closeReason(_ reason: Ending) -> String {
        switch reason {
        case .flood: "Too many messages"
        case .sessionEnded: "Session ended"
        case .slowConsumer: "Too slow to read"
        case .unresponsive: "No answer to pings"
        }
    }
}
