import ArenaKit
import Foundation

/// The one value the client's screen is a function of.
public struct AppState: Sendable, Equatable {
    public var screen: Screen
    public var user: UserDTO?
    public var connection: ConnectionStatus = .offline
    public var size: Size
    public var now: Date
    public var showHelp = false
    /// A short message over the help line that fades after a few seconds.
    public var notice: Notice?
    public var unicode: Bool
    public var serverName: String
    public var shouldQuit = false
    /// Source of request ids for gateway frames, so acks and errors find what they answer.
    public var requestCounter = 0
    /// Which key does what; from the config file's `key.*` lines.
    public var bindings: KeyBindings = .standard
    /// A player's stats card, shown over whatever screen opened it.
    public var playerCard: PlayerCardState?

    public init(
        serverName: String, size: Size = Size(width: 80, height: 24), now: Date = Date(), unicode: Bool = true
    ) {
        self.serverName = serverName
        self.size = size
        self.now = now
        self.unicode = unicode
        screen = .login(LoginState())
    }

    public var glyphs: Glyphs { unicode ? .unicode : .ascii }

    mutating func nextRequestID(_ prefix: String) -> String {
        requestCounter += 1
        return "\(prefix)\(requestCounter)"
    }
}

public enum Screen: Sendable, Equatable {
    case login(LoginState)
    case lobby(LobbyState)
    case matchmaking(MatchmakingState)
    case game(GameScreenState)
    case leaderboard(LeaderboardState)
    case friends(FriendsState)
    case profile(ProfileState)

    public var name: String {
        switch self {
        case .login(let login): login.mode == .login ? "Log in" : "Register"
        case .lobby: "Lobby"
        case .matchmaking: "Matchmaking"
        case .game(let game): game.spectating ? "Watching" : "Game"
        case .leaderboard: "Leaderboard"
        case .friends: "Friends"
        case .profile: "Profile"
        }
    }
}

public enum ConnectionStatus: Sendable, Equatable {
    /// Not logged in: no gateway wanted.
    case offline
    case connecting
    case online
    case reconnecting(reason: String, retryAt: Date)
    /// The server is restarting (it said so): reconnecting quietly, nothing is wrong.
    case restarting(retryAt: Date)
    /// The gateway gave up (session over, certificate changed).
    case stopped(reason: String)

    public var isOnline: Bool { self == .online }
}

public struct Notice: Sendable, Equatable {
    public var text: String
    public var isError: Bool
    public var expiresAt: Date

    public init(text: String, isError: Bool = false, expiresAt: Date) {
        self.text = text
        self.isError = isError
        self.expiresAt = expiresAt
    }
}
