import ArenaKit
import ArenaServer

/// A notifier with nobody connected, for unit tests of services that tell players things.
struct SilentNotifier: PlayerNotifier {
    func send(_ message: ServerMessage, toUser userID: String) async {}
    func isOnline(_ userID: String) async -> Bool { false }
    func onlineUserIDs() async -> Set<String> { [] }
    func disconnect(sessionID: String) async {}
    func disconnect(userID: String) async {}
}
