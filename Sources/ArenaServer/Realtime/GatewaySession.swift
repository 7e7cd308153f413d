import ArenaKit
import Foundation
import Logging
import NIOCore
import Synchronization

/// Limits of one gateway connection, from the server configuration.
struct GatewaySettings: Sendable {
    var maxMessageBytes: Int
    var floodFrames: Int
    var floodWindow: Duration
    var outboundQueue: Int
    /// Requests waiting to be carried out before the connection stops reading more.
    var inboxLimit: Int = 32
}

/// What one gateway connection asks for, carried out one request at a time in the order the
/// requests arrived: decoded into `ClientMessage`s, handed to the Games service, answered through
/// its `GatewayOutbound`. It holds no game state.
///
/// Requests wait in an inbox; a task is started to carry them out only while there are some, and
/// ends when the inbox is empty, so an idle connection holds no task. Registration with the hub
/// and leaving it go through the same inbox, so they are ordered with the requests.
final class GatewaySession: Sendable {
    enum Inbound: Sendable {
        case text(String)
        case binary
    }

    private enum Step: Sendable {
        case open
        case message(Inbound)
        case close
    }

    private struct Inbox {
        var steps: [Step] = []
        var draining = false
        var closed = false
        /// The frame handler held back a read until the backlog shrinks.
        var readsHeld = false
        /// When the identity's access token expires; `authenticate` moves it.
        var tokenExpiry: Date?
    }

    private let id = UUID()
    private let identity: Identity
    private let outbound: GatewayOutbound
    private let channel: any Channel
    private let gateway: Gateway
    private let logger: Logger
    private let inbox: Mutex<Inbox>
    /// Where the session's requests run: its connection's event loop (see `EventLoopTaskExecutor`).
    private let executor: EventLoopTaskExecutor

    init(identity: Identity, outbound: GatewayOutbound, channel: any Channel, gateway: Gateway, logger: Logger) {
        self.identity = identity
        self.outbound = outbound
        self.channel = channel
        self.gateway = gateway
        self.logger = logger
        self.inbox = Mutex(Inbox(tokenExpiry: identity.expiresAt))
        self.executor = EventLoopTaskExecutor(channel.eventLoop)
    }

    // MARK: the inbox (called on the connection's event loop)

    func open() { enqueue(.open) }
    func receive(_ message: Inbound) { enqueue(.message(message)) }
    func closed() { enqueue(.close) }

    /// True (and remembered) when the backlog is at its limit: the next read waits for the drain.
    func holdReads() -> Bool {
        inbox.withLock { inbox in
            guard inbox.steps.count >= gateway.settings.inboxLimit else { return false }
            inbox.readsHeld = true
            return true
        }
    }

    private func enqueue(_ step: Step) {
        let start = inbox.withLock { inbox -> Bool in
            guard !inbox.closed else { return false }
            if case .close = step { inbox.closed = true }
            inbox.steps.append(step)
            guard !inbox.draining else { return false }
            inbox.draining = true
            return true
        }
        if start { Task(executorPreference: executor) { await self.drain() } }
    }

    private func nextStep() -> Step? {
        let (step, resume) = inbox.withLock { inbox -> (Step?, Bool) in
            guard !inbox.steps.isEmpty else {
                inbox.draining = false
                return (nil, false)
            }
            let step = inbox.steps.removeFirst()
            let resume = inbox.readsHeld && inbox.steps.count < gateway.settings.inboxLimit / 2
            if resume { inbox.readsHeld = false }
            return (step, resume)
        }
        if resume { channel.read() }
        return step
    }

    private func drain() async {
        while let step = nextStep() {
            switch step {
            case .open:
                await gateway.hub.register(
                    RealtimeHub.Handle(
                        id: id, userID: identity.userID, sessionID: identity.sessionID, outbound: outbound))
                logger.debug("gateway connected", metadata: ["user_id": .string(identity.userID)])
            case .message(let message):
                guard !outbound.isClosing, outbound.endedBecause == nil else { continue }
                await process(message)
            case .close:
                await gateway.hub.unregister(id)
                if let reason = outbound.endedBecause {
                    // The server ended it: operators want to see slow or silent clients and floods.
                    logger.notice(
                        "gateway connection cut off",
                        metadata: ["user_id": .string(identity.userID), "reason": .string("\(reason)")])
                } else {
                    logger.debug("gateway disconnected", metadata: ["user_id": .string(identity.userID)])
                }
            }
        }
    }

    // MARK: requests

    private func reply(_ message: ServerMessage) {
        reply(frame: WireCodec.encodeServer(message))
    }

    private func reply(frame: String) {
        outbound.send(ByteBuffer(string: frame))
    }

    private func process(_ message: Inbound) async {
        guard case .text(let text) = message else {
            reply(.error(id: nil, code: "binary_not_supported", message: "Send JSON in text frames."))
            return
        }
        let envelope: ClientEnvelope
        do {
            envelope = try WireCodec.decodeClient(text)
        } catch {
            reply(.error(id: error.id, code: error.code, message: error.message))
            return
        }
        do {
            let answer = try await perform(envelope.message)
            guard let requestID = envelope.id else { return }
            switch answer {
            case .none: reply(.ack(id: requestID, game: nil))
            case .game(let game): reply(.ack(id: requestID, game: game))
            case .change(let change):
                reply(
                    frame: WireCodec.ackFrame(id: requestID, reusing: change.updateFrame)
                        ?? WireCodec.encodeServer(.ack(id: requestID, game: change.game)))
            }
        } catch {
            let api = ErrorMiddleware.map(error)
            if api.status == .internalServerError {
                logger.error("gateway request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            reply(.error(id: envelope.id, code: api.code, message: api.message))
        }
    }

    /// What the ack of a request carries.
    private enum Answer {
        case none
        case game(GameDTO)
        /// A change the room was just sent: the ack reuses that frame's encoded game.
        case change(GameChange)
    }

    /// Carries out one request; returns what to put in the ack.
    private func perform(_ message: ClientMessage) async throws -> Answer {
        let games = gateway.games
        switch message {
        case .joinGame(let gameID):
            let game = try await games.snapshot(gameID)
            gateway.hub.join(room: game.id, connection: id)
            return .game(game)
        case .leaveGame(let gameID):
            gateway.hub.leave(room: gameID.lowercased(), connection: id)
            return .none
        case .makeMove(let gameID, let position, let version):
            try checkToken()
            return .change(
                try await games.move(gameID, by: identity.userID, position: position, expectedVersion: version))
        case .chatMessage(let gameID, let text):
            try checkToken()
            _ = try await games.chat(gameID, from: identity, text: text)
            return .none
        case .offerRematch(let gameID):
            try checkToken()
            try await games.offerRematch(gameID, by: identity)
            return .none
        case .answerRematch(let gameID, let accept):
            try checkToken()
            try await games.answerRematch(gameID, by: identity, accept: accept)
            return .none
        case .ping:
            return .none
        case .authenticate(let token):
            let fresh = try await gateway.verifier.verify(accessToken: token)
            guard fresh.userID == identity.userID else {
                throw APIError.forbidden("That token belongs to another player.", code: "wrong_user")
            }
            inbox.withLock { $0.tokenExpiry = fresh.expiresAt }
            return .none
        }
    }

    /// The token was checked at the upgrade; moves and chat check it again, since a connection can
    /// outlive its access token. Revoked sessions are cut off by the hub on logout.
    private func checkToken() throws {
        if let expiry = inbox.withLock({ $0.tokenExpiry }), expiry < Date() {
            throw APIError.unauthorized(
                "token_expired", "Your access token expired; send authenticate with a fresh one.")
        }
    }
}
