import ArenaKit

/// What other services may ask of the gateway: reach a player wherever they are connected, know
/// who is online, and cut off connections when a session ends. Implemented by `RealtimeHub`.
public protocol PlayerNotifier: Sendable {
    func send(_ message: ServerMessage, toUser userID: String) async
    func isOnline(_ userID: String) async -> Bool
    func onlineUserIDs() async -> Set<String>
    /// Closes every connection opened with an access token of this login session (logout).
    func disconnect(sessionID: String) async
    /// Closes every connection of this user (logout everywhere, password reset).
    func disconnect(userID: String) async
}
