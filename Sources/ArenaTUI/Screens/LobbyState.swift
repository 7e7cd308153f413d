import ArenaClient
import ArenaKit
import Foundation

/// The lobby: the player's games, invites to them, open games, and ways to start a new one.
public struct LobbyState: Sendable, Equatable {
    public enum Prompt: Sendable, Equatable {
        /// Typing the username to invite.
        case invite(String)
        /// Choosing the bot's strength.
        case bot
    }

    public enum EntryKind: Sendable, Equatable {
        case mine
        case invite
        case open
        /// Someone else's game in progress, to watch.
        case live
    }

    public struct Entry: Sendable, Equatable {
        public var kind: EntryKind
        public var game: GameDTO
    }

    public var entries: [Entry] = []
    public var selection = 0
    public var loading = false
    public var loadedAt: Date?
    public var prompt: Prompt?
    public var message: String?
    /// Set by `report`: the message stays through the next load (the one its failure started),
    /// so it is read rather than wiped a few milliseconds later.
    var messageOutlivesLoad = false
    public var busy = false
    /// Friends and requests for the side pane; nil until loaded (or when they failed to load).
    public var friends: FriendListDTO?

    public init() {}

    /// Shows what went wrong until the load after next (a refresh, about ten seconds).
    mutating func report(_ text: String) {
        message = text
        messageOutlivesLoad = true
    }

    static let refreshInterval: TimeInterval = 10
    /// When the list is due to be fetched again; nil before it first arrives.
    var refreshDue: Date? { loadedAt?.addingTimeInterval(Self.refreshInterval) }
    /// Live games listed to watch; the rest are a refresh away.
    static let liveLimit = 10

    public var selectedEntry: Entry? {
        entries.indices.contains(selection) ? entries[selection] : nil
    }

    /// Splits what the server listed into the three sections, in the order shown.
    mutating func adopt(_ data: LobbyData, userID: String?) {
        let selectedID = selectedEntry?.game.id
        let mine = data.mine.filter { $0.status == .active || $0.status == .waiting }
        let mineIDs = Set(mine.map(\.id))
        let others = data.waiting.filter { !mineIDs.contains($0.id) && $0.status == .waiting }
        let invites = others.filter { $0.invitedID != nil && $0.invitedID == userID }
        let open = others.filter { $0.invitedID == nil && $0.player1ID != userID }
        let live = data.live.filter { !mineIDs.contains($0.id) && $0.status == .active }.prefix(Self.liveLimit)
        entries =
            mine.map { Entry(kind: .mine, game: $0) } + invites.map { Entry(kind: .invite, game: $0) }
            + open.map { Entry(kind: .open, game: $0) } + live.map { Entry(kind: .live, game: $0) }
        if let friends = data.friends { self.friends = friends }
        if let selectedID, let index = entries.firstIndex(where: { $0.game.id == selectedID }) {
            selection = index
        } else {
            selection = min(selection, max(0, entries.count - 1))
        }
    }
}
