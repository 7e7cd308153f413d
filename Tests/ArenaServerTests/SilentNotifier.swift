import ArenaKit

/// Temporary: stands in for the gateway until RealtimeHub is wired into ServiceGraph.
struct SilentNotifier: PlayerNotifier {
    func send(_ message: ServerMessage, toUser userID: String) async {}
    func isOnline(_ userID: String) async -> Bool { false }
    func onlineUserIDs() async -> Set<String> { [] }
    func disconnect(sessionID: String) async {}
    func disconnect(userID: String) async {}
}
