#if SSH
import Synchronization

/// What one ssh connection has learned that its session channels need: who the key said the
/// player is (set by `SSHAuthDelegate`), and whether a client has started (the login grace).
final class SSHConnectionState: Sendable {
    let remoteIP: String
    private let state = Mutex<(userID: String?, started: Bool)>((nil, false))

    init(remoteIP: String) { self.remoteIP = remoteIP }

    var userID: String? {
        get { state.withLock { $0.userID } }
        set { state.withLock { $0.userID = newValue } }
    }

    var clientStarted: Bool {
        get { state.withLock { $0.started } }
        set { state.withLock { $0.started = newValue } }
    }
}
#endif
