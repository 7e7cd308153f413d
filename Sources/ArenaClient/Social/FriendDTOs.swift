import ArenaKit

/// A friend as `GET /friends` lists them: the public user with `online` and `since` beside its keys.
public struct FriendDTO: Codable, Sendable, Equatable {
    public var user: UserDTO
    public var online: Bool
    public var since: String?

    public init(user: UserDTO, online: Bool, since: String? = nil) {
        self.user = user
        self.online = online
        self.since = since
    }

    enum CodingKeys: String, CodingKey { case online, since }

    // Flattened on the wire, like the stats object: the user's keys sit at the top level.
    public init(from decoder: any Decoder) throws {
        user = try UserDTO(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        online = try c.decodeIfPresent(Bool.self, forKey: .online) ?? false
        since = try c.decodeIfPresent(String.self, forKey: .since)
    }

    public func encode(to encoder: any Encoder) throws {
        try user.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(online, forKey: .online)
        try c.encodeIfPresent(since, forKey: .since)
    }
}

/// A pending friend request, to or from `user`.
public struct FriendRequestDTO: Codable, Sendable, Equatable {
    public var user: UserDTO
    public var createdAt: String?

    public init(user: UserDTO, createdAt: String? = nil) {
        self.user = user
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case user
        case createdAt = "created_at"
    }
}

/// `GET /friends`: friends (sorted by name) and pending requests both ways (newest first).
public struct FriendListDTO: Codable, Sendable, Equatable {
    public var friends: [FriendDTO]
    public var incoming: [FriendRequestDTO]
    public var outgoing: [FriendRequestDTO]

    public init(friends: [FriendDTO] = [], incoming: [FriendRequestDTO] = [], outgoing: [FriendRequestDTO] = []) {
        self.friends = friends
        self.incoming = incoming
        self.outgoing = outgoing
    }
}

/// `POST /friends/requests`: `pending`, or `accepted` when the other player had already asked.
public struct FriendRequestResultDTO: Codable, Sendable, Equatable {
    public var user: UserDTO
    public var status: String

    public init(user: UserDTO, status: String) {
        self.user = user
        self.status = status
    }
}

struct FriendRequestBody: Codable, Sendable {
    var username: String
}
