import GRDB

/// A row of `friendships`: a request from `requesterID` to `addresseeID`, pending until accepted.
/// One row per pair, whichever of the two asked first.
struct FriendshipRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "friendships"

    enum Status: String, Codable, Sendable {
        case pending, accepted
    }

    var requesterID: String
    var addresseeID: String
    var status: Status
    var createdAt: String
    var acceptedAt: String?

    enum CodingKeys: String, CodingKey {
        case status
        case requesterID = "requester_id"
        case addresseeID = "addressee_id"
        case createdAt = "created_at"
        case acceptedAt = "accepted_at"
    }

    /// The row linking two users, in either direction.
    static func between(_ db: Database, _ a: String, _ b: String) throws -> FriendshipRecord? {
        try fetchOne(
            db,
            sql: """
                SELECT * FROM friendships
                WHERE (requester_id = ?1 AND addressee_id = ?2) OR (requester_id = ?2 AND addressee_id = ?1)
                """,
            arguments: [a, b])
    }
}
