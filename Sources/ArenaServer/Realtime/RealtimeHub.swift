import ArenaKit
import Foundation
import NIOCore
import Synchronization

/// The one owner of who is connected and who is in which game's room. Connections register a
/// handle holding their `GatewayOutbound`; the hub encodes a message once and writes it to every
/// recipient (a recipient that stopped reading is cut off there).
///
/// A lock rather than an actor: every move fans out through here, and each operation is a few
/// dictionary steps that never suspend.
public final class RealtimeHub: PlayerNotifier, Sendable {
    /// One live gateway connection as the hub sees it.
    public struct Handle: Sendable {
        public let id: UUID
        public let userID: String
        public let sessionID: String
        let outbound: GatewayOutbound
    }

    /// Raw values so a connection can keep its reason in an atomic (0 is "not ending").
    public enum TerminationReason: UInt8, Sendable {
        case slowConsumer = 1, sessionEnded, flood, unresponsive, serverShutdown
    }

    struct State {
        var connections: [UUID: Handle] = [:]
        var users: [String: Set<UUID>] = [:]
        var rooms: [String: Set<UUID>] = [:]
        var roomsOf: [UUID: Set<String>] = [:]
        /// Set by `closeAll`: the `server_shutdown` notice a connection that registers afterwards
        /// (upgraded just before the signal, its session still starting) gets at once.
        var goodbye: ByteBuffer?
    }

    private let state = Mutex(State())
    /// Told when a user's first connection opens or last one closes (Games for the disconnect
    /// grace period, Matchmaking for the queue). Registered while the service graph is built.
    private let presence = Mutex<[@Sendable (String, Bool) async -> Void]>([])

    public init() {}

    func onPresenceChange(_ body: @escaping @Sendable (String, Bool) async -> Void) {
        presence.withLock { $0.append(body) }
    }

    // MARK: connections

    func register(_ handle: Handle) async {
        let (first, goodbye) = state.withLock { s -> (Bool, ByteBuffer?) in
            s.connections[handle.id] = handle
            let first = s.users[handle.userID, default: []].isEmpty
            s.users[handle.userID, default: []].insert(handle.id)
            return (first, s.goodbye)
        }
        if let goodbye {
            handle.outbound.send(goodbye)
            handle.outbound.end(.serverShutdown)
        }
        if first { await announcePresence(handle.userID, online: true) }
    }

    func unregister(_ id: UUID) async {
        let lastOf = state.withLock { s -> String? in
            guard let handle = s.connections.removeValue(forKey: id) else { return nil }
            for room in s.roomsOf.removeValue(forKey: id) ?? [] {
                s.rooms[room]?.remove(id)
                if s.rooms[room]?.isEmpty == true { s.rooms[room] = nil }
            }
            s.users[handle.userID]?.remove(id)
            if s.users[handle.userID]?.isEmpty == true {
                s.users[handle.userID] = nil
                return handle.userID
            }
            return nil
        }
        if let userID = lastOf { await announcePresence(userID, online: false) }
    }

    private func announcePresence(_ userID: String, online: Bool) async {
        for callback in presence.withLock({ $0 }) { await callback(userID, online) }
    }

    func join(room: String, connection id: UUID) {
        state.withLock { s in
            guard s.connections[id] != nil else { return }
            s.rooms[room, default: []].insert(id)
            s.roomsOf[id, default: []].insert(room)
        }
    }

    func leave(room: String, connection id: UUID) {
        state.withLock { s in
            s.rooms[room]?.remove(id)
            if s.rooms[room]?.isEmpty == true { s.rooms[room] = nil }
            s.roomsOf[id]?.remove(room)
        }
    }

    // MARK: sending

    /// Sends to everyone in a game's room.
    public func broadcast(_ message: ServerMessage, room: String) {
        broadcast(frame: WireCodec.encodeServer(message), room: room)
    }

    /// Sends an encoded frame to everyone in a game's room.
    func broadcast(frame: String, room: String) {
        let targets = state.withLock { s in (s.rooms[room] ?? []).compactMap { s.connections[$0] } }
        deliver(frame, to: targets)
    }

    public func send(_ message: ServerMessage, toUser userID: String) async {
        let targets = state.withLock { s in (s.users[userID] ?? []).compactMap { s.connections[$0] } }
        deliver(WireCodec.encodeServer(message), to: targets)
    }

    private func deliver(_ text: String, to targets: [Handle]) {
        guard !targets.isEmpty else { return }
        let frame = ByteBuffer(string: text)
        for target in targets { target.outbound.send(frame) }
    }

    /// Pings every connection; closes those silent for longer than `silence` (`GatewayPinger`).
    func pingAll(closingIfSilentFor silence: TimeAmount) {
        let targets = state.withLock { Array($0.connections.values) }
        let now = NIODeadline.now()
        for target in targets { target.outbound.ping(closingIfSilentFor: silence, now: now) }
    }

    /// Graceful shutdown: tells every connection `server_shutdown` with when to come back, then
    /// closes it with 1001 "going away". Clients reconnect after the hint, quietly.
    func closeAll(retryAfter: Duration) {
        let notice = ByteBuffer(
            string: WireCodec.encodeServer(
                .serverShutdown(
                    ServerShutdownDTO(
                        retryAfterMs: Int((retryAfter.inSeconds * 1000).rounded()),
                        reason: "The server is restarting."))))
        // Marked and listed in one step: a connection registers either before (and is listed) or
        // after (and is told by `register`).
        let targets = state.withLock { s -> [Handle] in
            s.goodbye = notice
            return Array(s.connections.values)
        }
        for target in targets {
            target.outbound.send(notice)
            target.outbound.end(.serverShutdown)
        }
    }

    // MARK: PlayerNotifier

    public func isOnline(_ userID: String) async -> Bool {
        state.withLock { !($0.users[userID]?.isEmpty ?? true) }
    }

    public func onlineUserIDs() async -> Set<String> {
        state.withLock { Set($0.users.keys) }
    }

    public func disconnect(sessionID: String) async {
        let targets = state.withLock { s in s.connections.values.filter { $0.sessionID == sessionID } }
        for target in targets { target.outbound.end(.sessionEnded) }
    }

    public func disconnect(userID: String) async {
        let targets = state.withLock { s in (s.users[userID] ?? []).compactMap { s.connections[$0] } }
        for target in targets { target.outbound.end(.sessionEnded) }
    }

    public var connectionCount: Int { state.withLock { $0.connections.count } }
}
