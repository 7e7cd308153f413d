import ArenaKit

/// `POST /friends/requests` body.
struct FriendRequestBody: Decodable, Sendable {
    var username: String
}

/// A friend in `GET /friends`: the public user object with `online` and `since` (when the
/// friendship was accepted) beside its keys, flattened like the stats object.
struct FriendDTO: Encodable, Sendable, Equatable {
    var user: UserDTO
    var online: Bool
    var since: String?

    enum CodingKeys: String, CodingKey { case online, since }

    func encode(to encoder: any Encoder) throws {
        try user.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(online, forKey: .online)
        try c.encode(since, forKey: .since)
    }
}

/// A pending request in `GET /friends`, incoming or outgoing: the other user and when it was sent.
struct PendingFriendDTO: Encodable, Sendable, Equatable {
    var user: UserDTO
    var createdAt: String

    enum CodingKeys: String, CodingKey {
        case user
        case createdAt = "created_at"
    }
}

/// `GET /friends`.
struct FriendListDTO: Encodable, Sendable, Equatable {
    var friends: [FriendDTO]
    var incoming: [PendingFriendDTO]
    var outgoing: [PendingFriendDTO]
}

/// `POST /friends/requests` answer: `pending`, or `accepted` when the other had already asked you.
struct FriendRequestResultDTO: Encodable, Sendable, Equatable {
    var user: UserDTO
    var status: String
    var createdAt: String

    enum CodingKeys: String, CodingKey {
        case user, status
        case createdAt = "created_at"
    }
}
