import NIOCore
import NIOWebSocket
import Synchronization

/// The way out of one gateway connection. Frames are written straight to the connection's NIO
/// channel by whichever task produced them (a game, the hub), without a writer task or a queue of
/// our own: NIO keeps a channel's writes in order and runs them on its event loop, so this is safe
/// from any thread; the gateway sets up no WebSocket extensions, so a frame needs no processing
/// first. Frames sent while the event loop has not yet taken the previous ones leave together, in
/// one flush (one `write` system call): a mover's `game_update` and `ack` usually do.
///
/// A peer that stops reading is cut off: once NIO's buffer for it is past its high-water mark
/// (the channel is no longer writable), `queueLimit` more frames are allowed before the
/// connection is closed, so a slow client can never grow the server's memory.
///
/// It also owns the closing handshake's outbound half: once the close frame is queued nothing
/// else is sent, and the socket is closed when the peer answers (`GatewayFrameHandler`) or after
/// `closeTimeout` if it never does.
final class GatewayOutbound: Sendable {
    typealias Ending = RealtimeHub.TerminationReason

    private struct Pending {
        var frames: [WebSocketFrame] = []
        /// The event loop has been asked to take the frames.
        var scheduled = false
        /// Close the socket once the frames are written (the answer to the peer's close frame).
        var disconnectAfter = false
    }

    private let channel: any Channel
    private let queueLimit: Int
    private let closeTimeout: TimeAmount
    /// Frames written while the channel was not writable, since it last was.
    private let backlog = Atomic<Int>(0)
    /// Why the connection is ending (`Ending`'s raw value; 0 while it is not): read per frame.
    private let ending = Atomic<UInt8>(0)
    /// Set once the close frame is queued.
    private let closing = Atomic<Bool>(false)
    private let pending = Mutex(Pending())
    /// When the peer last sent a frame (`NIODeadline` nanoseconds), for `GatewayPinger`.
    private let lastHeard = Atomic<UInt64>(NIODeadline.now().uptimeNanoseconds)

    init(channel: any Channel, queueLimit: Int, closeTimeout: TimeAmount = .seconds(5)) {
        self.channel = channel
        self.queueLimit = queueLimit
        self.closeTimeout = closeTimeout
    }

    /// Why the connection is ending, once something decided it should.
    var endedBecause: Ending? { Ending(rawValue: ending.load(ordering: .acquiring)) }

    /// The close frame is queued: the connection takes no more requests and sends nothing else.
    var isClosing: Bool { closing.load(ordering: .acquiring) }

    /// Sends one text frame (UTF-8 JSON). Dropped once the connection is closing.
    func send(_ text: ByteBuffer) {
        enqueue(WebSocketFrame(fin: true, opcode: .text, data: text))
    }

    /// Answers the peer's ping with its payload.
    func pong(_ data: ByteBuffer) {
        enqueue(WebSocketFrame(fin: true, opcode: .pong, data: data))
    }

    /// The peer sent a frame (`GatewayFrameHandler`).
    func heard(at now: NIODeadline = .now()) {
        lastHeard.store(now.uptimeNanoseconds, ordering: .relaxed)
    }

    /// Pings the peer, or, when it has sent nothing for longer than `silence`, ends the connection.
    ///
    /// `now` is taken once for a whole round of pings, so a frame heard while the round runs can be
    /// later than `now`: that peer is anything but silent.
    func ping(closingIfSilentFor silence: TimeAmount, now: NIODeadline = .now()) {
        let heard = lastHeard.load(ordering: .relaxed)
        let quiet = now.uptimeNanoseconds > heard ? now.uptimeNanoseconds - heard : 0
        if quiet > UInt64(max(silence.nanoseconds, 0)) {
            end(.unresponsive)
        } else {
            enqueue(WebSocketFrame(fin: true, opcode: .ping, data: ByteBuffer()))
        }
    }

    /// Queues the close frame after everything already queued; nothing is sent after it. The
    /// socket is closed once it is written when `disconnect` is set (answering the peer's close),
    /// else when the peer answers, or after `closeTimeout`. Only the first close counts.
    func close(code: WebSocketErrorCode, reason: String? = nil, disconnect: Bool = false) {
        guard closing.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        var data = ByteBuffer()
        data.write(webSocketErrorCode: code)
        if let reason { data.writeString(reason) }
        append(WebSocketFrame(fin: true, opcode: .connectionClose, data: data), disconnectAfter: disconnect)
        let channel = self.channel
        channel.eventLoop.scheduleTask(in: closeTimeout) { channel.close(promise: nil) }
    }

    /// Ends the connection from anywhere (the hub, the pinger, the reader); the first reason wins.
    ///
    /// A slow consumer or a peer that stopped answering pings is dropped at once (a close handshake
    /// would only wait); the others get the close frame their client can show.
    func end(_ reason: Ending) {
        guard ending.compareExchange(expected: 0, desired: reason.rawValue, ordering: .acquiringAndReleasing).exchanged
        else { return }
        switch reason {
        case .slowConsumer, .unresponsive: channel.close(promise: nil)
        case .sessionEnded: close(code: .policyViolation, reason: "Session ended")
        case .flood: close(code: .policyViolation, reason: "Too many messages")
        case .serverShutdown: close(code: .goingAway, reason: "Server shutting down")
        }
    }

    private func enqueue(_ frame: WebSocketFrame) {
        guard !isClosing, endedBecause == nil else { return }
        if channel.isWritable {
            backlog.store(0, ordering: .relaxed)
        } else if backlog.wrappingAdd(1, ordering: .relaxed).newValue > queueLimit {
            end(.slowConsumer)
            return
        }
        append(frame, disconnectAfter: false)
    }

    private func append(_ frame: WebSocketFrame, disconnectAfter: Bool) {
        let schedule = pending.withLock { pending -> Bool in
            pending.frames.append(frame)
            pending.disconnectAfter = pending.disconnectAfter || disconnectAfter
            guard !pending.scheduled else { return false }
            pending.scheduled = true
            return true
        }
        if schedule { channel.eventLoop.execute { self.flushPending() } }
    }

    /// On the event loop: writes every waiting frame, then flushes once.
    private func flushPending() {
        let taken = pending.withLock { pending -> Pending in
            var taken = Pending()
            swap(&taken, &pending)
            return taken
        }
        for frame in taken.frames.dropLast() { channel.write(frame, promise: nil) }
        if let last = taken.frames.last {
            if taken.disconnectAfter {
                let channel = self.channel
                let written = channel.eventLoop.makePromise(of: Void.self)
                written.futureResult.whenComplete { _ in channel.close(promise: nil) }
                channel.write(last, promise: written)
            } else {
                channel.write(last, promise: nil)
            }
        }
        channel.flush()
    }
}
