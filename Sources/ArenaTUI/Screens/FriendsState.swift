import ArenaClient
import ArenaKit
import Foundation

/// Friends and friend requests: send, accept, decline, withdraw, remove.
public struct FriendsState: Sendable, Equatable {
    public enum Row: Sendable, Equatable {
        case incoming(FriendRequestDTO)
        case friend(FriendDTO)
        case outgoing(FriendRequestDTO)

        public var user: UserDTO {
            switch self {
            case .incoming(let request), .outgoing(let request): request.user
            case .friend(let friend): friend.user
            }
        }
    }

    public var list: FriendListDTO?
    public var selection = 0
    public var loading = false
    /// Typing a username to ask.
    public var adding: String?
    /// Asking before a friendship is ended.
    public var confirmRemove: String?
    public var message: String?
    public var busy = false
    /// When the list last arrived: it is fetched again every `refreshInterval`, so answers to
    /// requests and friends coming online show without a key press.
    public var loadedAt: Date?

    static let refreshInterval: TimeInterval = 10
    /// When the list is due to be fetched again; nil before it first arrives.
    var refreshDue: Date? { loadedAt?.addingTimeInterval(Self.refreshInterval) }

    public init() {}

    /// Requests to answer first, then friends (online ones first), then requests sent.
    public var rows: [Row] {
        guard let list else { return [] }
        let friends = list.friends.filter(\.online) + list.friends.filter { !$0.online }
        return list.incoming.map(Row.incoming) + friends.map(Row.friend) + list.outgoing.map(Row.outgoing)
    }

    public var selectedRow: Row? {
        let rows = rows
        return rows.indices.contains(selection) ? rows[selection] : nil
    }
}
