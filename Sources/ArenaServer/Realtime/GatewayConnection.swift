import ArenaKit
import Foundation
import HummingbirdWebSocket
import Logging
import NIOWebSocket

/// Limits of one gateway connection, from the server configuration.
struct GatewaySettings: Sendable {
    var maxMessageBytes: Int
    var floodFrames: Int
    var floodWindow: Duration
    var outboundQueue: Int
}

/// One WebSocket connection: decodes frames into `ClientMessage`s, hands them to the Games
/// service, and answers through the hub, which writes to its `GatewayOutbound`. It holds no game
/// state.
struct GatewayConnection {
    let identity: Identity
    let games: GameService
    let hub: RealtimeHub
    let verifier: any TokenVerifier
    let settings: GatewaySettings
    let logger: Logger

    /// Runs until the socket closes, reading in the WebSocket handler's own task. A read error
    /// (invalid UTF-8, an oversize frame) is thrown back to the WebSocket layer so it closes with
    /// the matching code (1007, 1009).
    func run(inbound: WebSocketInboundStream, outbound: GatewayOutbound) async throws {
        let id = UUID()
        let handle = RealtimeHub.Handle(
            id: id, userID: identity.userID, sessionID: identity.sessionID, outbound: outbound)
        await hub.register(handle)
        logger.debug("gateway connected", metadata: ["user_id": .string(identity.userID)])

        var readError: (any Error)?
        var state = ConnectionState(identity: identity)
        var flood = FloodGuard(limit: settings.floodFrames, window: settings.floodWindow)
        do {
            for try await message in inbound.messages(maxSize: settings.maxMessageBytes) {
                if outbound.endedBecause != nil { break }
                guard flood.admit() else {
                    outbound.end(.flood)
                    break
                }
                await process(message, connection: id, state: &state)
            }
        } catch {
            logger.debug("gateway read ended", metadata: ["error": "\(error)"])
            readError = error
        }

        await hub.unregister(id)
        switch outbound.endedBecause {
        case .flood?: await outbound.close(.flood)
        case .sessionEnded?: await outbound.close(.sessionEnded)
        case .slowConsumer?, .unresponsive?: break
        case nil: if let readError, !(readError is CancellationError) { throw readError }
        }
        logger.debug("gateway disconnected", metadata: ["user_id": .string(identity.userID)])
    }

    /// What a connection remembers between frames.
    struct ConnectionState {
        var identity: Identity
    }

    private func process(_ message: WebSocketMessage, connection: UUID, state: inout ConnectionState) async {
        guard case .text(let text) = message else {
            hub.send(
                .error(id: nil, code: "binary_not_supported", message: "Send JSON in text frames."),
                connection: connection)
            return
        }
        let envelope: ClientEnvelope
        do {
            envelope = try WireCodec.decodeClient(text)
        } catch {
            hub.send(.error(id: error.id, code: error.code, message: error.message), connection: connection)
            return
        }
        do {
            let answer = try await perform(envelope.message, connection: connection, state: &state)
            guard let requestID = envelope.id else { return }
            switch answer {
            case .none: hub.send(.ack(id: requestID, game: nil), connection: connection)
            case .game(let game): hub.send(.ack(id: requestID, game: game), connection: connection)
            case .change(let change):
                let frame =
                    WireCodec.ackFrame(id: requestID, reusing: change.updateFrame)
                    ?? WireCodec.encodeServer(.ack(id: requestID, game: change.game))
                hub.send(frame: frame, connection: connection)
            }
        } catch {
            let api = ErrorMiddleware.map(error)
            if api.status == .internalServerError {
                logger.error("gateway request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            hub.send(.error(id: envelope.id, code: api.code, message: api.message), connection: connection)
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
    private func perform(_ message: ClientMessage, connection: UUID, state: inout ConnectionState) async throws
        -> Answer
    {
        switch message {
        case .joinGame(let gameID):
            let game = try await games.snapshot(gameID)
            hub.join(room: game.id, connection: connection)
            return .game(game)
        case .leaveGame(let gameID):
            hub.leave(room: gameID.lowercased(), connection: connection)
            return .none
        case .makeMove(let gameID, let position, let version):
            try checkToken(state)
            return .change(
                try await games.move(gameID, by: state.identity.userID, position: position, expectedVersion: version))
        case .chatMessage(let gameID, let text):
            try checkToken(state)
            _ = try await games.chat(gameID, from: state.identity, text: text)
            return .none
        case .offerRematch(let gameID):
            try checkToken(state)
            try await games.offerRematch(gameID, by: state.identity)
            return .none
        case .answerRematch(let gameID, let accept):
            try checkToken(state)
            try await games.answerRematch(gameID, by: state.identity, accept: accept)
            return .none
        case .ping:
            return .none
        case .authenticate(let token):
            let fresh = try await verifier.verify(accessToken: token)
            guard fresh.userID == state.identity.userID else {
                throw APIError.forbidden("That token belongs to another player.", code: "wrong_user")
            }
            state.identity.expiresAt = fresh.expiresAt
            return .none
        }
    }

    /// The token was checked at the upgrade; moves and chat check it again, since a connection can
    /// outlive its access token. Revoked sessions are cut off by the hub on logout.
    private func checkToken(_ state: ConnectionState) throws {
        if let expiry = state.identity.expiresAt, expiry < Date() {
            throw APIError.unauthorized(
                "token_expired", "Your access token expired; send authenticate with a fresh one.")
        }
    }
}
