import ArenaClient
import ArenaKit

/// Work update asks for; the runtime performs it outside update and answers with a `Response`.
public enum Effect: Sendable, Equatable, CustomStringConvertible {
    case login(username: String, password: String)
    case register(email: String, username: String, password: String, fullName: String?)
    /// Logs in with the session remembered for this server (no password).
    case resumeSession
    /// Logs out and forgets the remembered session.
    case logout
    case connectGateway
    case disconnectGateway
    case send(ClientEnvelope)
    case loadLobby
    case createGame(opponent: String?, bot: String?)
    case joinGame(id: String)
    case fetchGame(id: String)
    /// Cancels a waiting game or resigns an active one.
    case deleteGame(id: String)
    case enqueue
    case pollQueue
    case leaveQueue
    case loadPlayer(userID: String)
    case loadProfile
    case saveProfile(fullName: String, avatarURL: String, email: String)
    case changePassword(current: String, new: String)
    case logoutEverywhere
    case loadSSHKeys
    /// An OpenSSH public key line to link to the account.
    case linkSSHKey(String)
    case unlinkSSHKey(id: String)
    case loadLeaderboard(LeaderboardBoard, limit: Int, offset: Int)
    case loadStats(userID: String)
    case loadFriends
    case friend(FriendAction)
    case loadChat(gameID: String)
    case ringBell
    case quit

    /// Never shows a password, so an effect can be printed in a test failure or a log.
    public var description: String {
        switch self {
        case .login(let username, _): "login(\(username), ***)"
        case .register(let email, let username, _, _): "register(\(email), \(username), ***)"
        case .changePassword: "changePassword(***, ***)"
        case .send(let envelope): "send(\(envelope.message.type), id: \(envelope.id ?? "-"))"
        default: "\(String(describing: Mirror(reflecting: self).children.first?.label ?? "\(self.caseName)"))"
        }
    }

    private var caseName: String {
        switch self {
        case .resumeSession: "resumeSession"
        case .logout: "logout"
        case .connectGateway: "connectGateway"
        case .disconnectGateway: "disconnectGateway"
        case .loadLobby: "loadLobby"
        case .enqueue: "enqueue"
        case .pollQueue: "pollQueue"
        case .leaveQueue: "leaveQueue"
        case .loadProfile: "loadProfile"
        case .logoutEverywhere: "logoutEverywhere"
        case .loadSSHKeys: "loadSSHKeys"
        case .loadFriends: "loadFriends"
        case .ringBell: "ringBell"
        case .quit: "quit"
        default: "effect"
        }
    }
}

/// A change to the friends list, named by the other player's username.
public enum FriendAction: Sendable, Equatable {
    case send(String)
    case accept(String)
    case decline(String)
    case withdraw(String)
    case remove(String)

    public var username: String {
        switch self {
        case .send(let name), .accept(let name), .decline(let name), .withdraw(let name), .remove(let name): name
        }
    }
}
