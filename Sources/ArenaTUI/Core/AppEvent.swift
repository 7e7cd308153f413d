import ArenaClient
import ArenaKit
import Foundation

/// Everything that can change the state: keys, clicks, the clock, the gateway, finished effects.
public enum AppEvent: Sendable, Equatable {
    case key(Key)
    case click(Point)
    case resized(Size)
    case tick(Date)
    case gateway(GatewayEvent)
    case response(Response)
    /// SIGINT, SIGTERM or SIGHUP: leave cleanly.
    case terminate
}

/// A completed request (a finished `Effect`).
public enum Response: Sendable, Equatable {
    case authenticated(Result<UserDTO, ArenaClientError>)
    /// The remembered session was (or could not be) taken up again.
    case resumed(Result<UserDTO, ArenaClientError>)
    case lobbyLoaded(Result<LobbyData, ArenaClientError>)
    case gameCreated(Result<GameDTO, ArenaClientError>)
    case gameJoined(Result<GameDTO, ArenaClientError>)
    case gameFetched(Result<GameDTO, ArenaClientError>)
    case gameDeleted(gameID: String, Result<Done, ArenaClientError>)
    case queued(Result<MatchmakingStatusDTO, ArenaClientError>)
    case queueStatus(Result<MatchmakingStatusDTO, ArenaClientError>)
    case queueLeft
    case playerLoaded(Result<UserDTO, ArenaClientError>)
    case profileLoaded(Result<UserDTO, ArenaClientError>)
    case loggedOut
    case profileSaved(Result<UserDTO, ArenaClientError>)
    case passwordChanged(Result<UserDTO, ArenaClientError>)
    case sshKeysLoaded(Result<[SSHKeyDTO], ArenaClientError>)
    case sshKeyLinked(Result<SSHKeyDTO, ArenaClientError>)
    case sshKeyUnlinked(id: String, Result<Done, ArenaClientError>)
    case leaderboardLoaded(LeaderboardBoard, offset: Int, Result<LeaderboardPageDTO, ArenaClientError>)
    case statsLoaded(userID: String, Result<PlayerStatsDTO, ArenaClientError>)
    case friendsLoaded(Result<FriendListDTO, ArenaClientError>)
    case friendDone(FriendAction, Result<Done, ArenaClientError>)
    case chatLoaded(gameID: String, Result<[ChatMessageDTO], ArenaClientError>)
    /// A frame could not be queued because the socket was down.
    case notSent(requestID: String?)
}

/// The success value of a request that returns nothing.
public struct Done: Sendable, Equatable {
    public init() {}
}

/// What the lobby shows, fetched in one go.
public struct LobbyData: Sendable, Equatable {
    /// Games the player is in (waiting or active).
    public var mine: [GameDTO]
    /// Every waiting game the server lists (open ones and invites).
    public var waiting: [GameDTO]
    /// Games being played now, to watch.
    public var live: [GameDTO]
    /// Friends and requests; nil when they could not be loaded (the games still show).
    public var friends: FriendListDTO?

    public init(mine: [GameDTO], waiting: [GameDTO], live: [GameDTO] = [], friends: FriendListDTO? = nil) {
        self.mine = mine
        self.waiting = waiting
        self.live = live
        self.friends = friends
    }
}
