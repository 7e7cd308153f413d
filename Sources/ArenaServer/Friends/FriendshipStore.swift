import ArenaKit
import GRDB

/// The friends service's storage. Each change is one write transaction that reads the pair's row
/// and acts on it, so two people asking each other at the same moment end up friends once, never
/// with two rows.
struct FriendshipStore: Sendable {
    /// Friends plus pending requests one user may hold; keeps `GET /friends` and the friends board small.
    static let maxConnections = 500

    let database: AppDatabase

    /// Sends a request, or accepts the other's pending request to you.
    func request(from me: String, to username: String, now: String) async throws -> FriendRequestResultDTO {
        try await database.write { db in
            let target = try Self.user(db, username: username)
            guard target.id != me else {
                throw APIError.badRequest("cannot_befriend_self", "You cannot send a friend request to yourself.")
            }
            guard !BotAccounts.isBot(target.id) else {
                throw APIError.badRequest("cannot_befriend_bot", "Bots do not take friend requests.")
            }
            if var link = try FriendshipRecord.between(db, me, target.id) {
                switch (link.status, link.requesterID == me) {
                case (.accepted, _):
                    throw APIError.conflict("already_friends", "You are already friends with \(target.username).")
                case (.pending, true):
                    throw APIError.conflict(
                        "request_pending", "You already asked \(target.username); wait for an answer.")
                case (.pending, false):
                    link.status = .accepted
                    link.acceptedAt = now
                    try link.update(db)
                    return FriendRequestResultDTO(user: target.dto(), status: "accepted", createdAt: now)
                }
            }
            let held =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM friendships WHERE requester_id = ?1 OR addressee_id = ?1",
                    arguments: [me]) ?? 0
            guard held < Self.maxConnections else {
                throw APIError.rule(
                    "too_many_friends", "You may have at most \(Self.maxConnections) friends and pending requests.")
            }
            try FriendshipRecord(
                requesterID: me, addresseeID: target.id, status: .pending, createdAt: now, acceptedAt: nil
            )
            .insert(db)
            return FriendRequestResultDTO(user: target.dto(), status: "pending", createdAt: now)
        }
    }

    /// Accepts `username`'s pending request to me; returns the new friend and when.
    func accept(from username: String, me: String, now: String) async throws -> (UserRecord, String) {
        try await database.write { db in
            let requester = try Self.user(db, username: username)
            guard var link = try FriendshipRecord.between(db, me, requester.id) else {
                throw Self.noRequest(from: requester)
            }
            if link.status == .accepted {
                throw APIError.conflict("already_friends", "You are already friends with \(requester.username).")
            }
            guard link.requesterID == requester.id else { throw Self.noRequest(from: requester) }
            link.status = .accepted
            link.acceptedAt = now
            try link.update(db)
            return (requester, now)
        }
    }

    /// Drops `username`'s pending request to me.
    func decline(from username: String, me: String) async throws {
        try await database.write { db in
            let requester = try Self.user(db, username: username)
            let deleted = try Self.delete(db, requester: requester.id, addressee: me, status: .pending)
            guard deleted else { throw Self.noRequest(from: requester) }
        }
    }

    /// Withdraws my pending request to `username`.
    func cancel(to username: String, me: String) async throws {
        try await database.write { db in
            let addressee = try Self.user(db, username: username)
            let deleted = try Self.delete(db, requester: me, addressee: addressee.id, status: .pending)
            guard deleted else {
                throw APIError.notFound("A pending request to \(addressee.username)", code: "request_not_found")
            }
        }
    }

    /// Ends a friendship, whichever side asked first.
    func remove(friend username: String, me: String) async throws {
        try await database.write { db in
            let friend = try Self.user(db, username: username)
            let deleted =
                try Self.delete(db, requester: me, addressee: friend.id, status: .accepted)
                || Self.delete(db, requester: friend.id, addressee: me, status: .accepted)
            guard deleted else {
                throw APIError(.notFound, "not_friends", "You are not friends with \(friend.username).")
            }
        }
    }

    struct Listing: Sendable {
        var friends: [(user: UserRecord, since: String?)]
        var incoming: [(user: UserRecord, createdAt: String)]
        var outgoing: [(user: UserRecord, createdAt: String)]
    }

    func list(of me: String) async throws -> Listing {
        try await database.read { db in
            // One indexed query per direction: the primary key leads with requester_id, and
            // idx_friendships_addressee with addressee_id.
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT u.*, f.status AS link_status, f.created_at AS link_created_at,
                           f.accepted_at AS link_accepted_at, 1 AS link_outgoing
                    FROM friendships f JOIN user_profiles u ON u.id = f.addressee_id
                    WHERE f.requester_id = ?1
                    UNION ALL
                    SELECT u.*, f.status, f.created_at, f.accepted_at, 0
                    FROM friendships f JOIN user_profiles u ON u.id = f.requester_id
                    WHERE f.addressee_id = ?1
                    """,
                arguments: [me])
            var listing = Listing(friends: [], incoming: [], outgoing: [])
            for row in rows {
                let user = try UserRecord(row: row)
                let createdAt: String = row["link_created_at"]
                if row["link_status"] == FriendshipRecord.Status.accepted.rawValue {
                    listing.friends.append((user, row["link_accepted_at"]))
                } else if row["link_outgoing"] == 1 {
                    listing.outgoing.append((user, createdAt))
                } else {
                    listing.incoming.append((user, createdAt))
                }
            }
            listing.friends.sort { $0.user.username.lowercased() < $1.user.username.lowercased() }
            listing.incoming.sort { $0.createdAt > $1.createdAt }
            listing.outgoing.sort { $0.createdAt > $1.createdAt }
            return listing
        }
    }

    // MARK: helpers

    /// The user a path or body names; 400 for something that cannot be a username, 404 for none.
    static func user(_ db: Database, username: String) throws -> UserRecord {
        guard !username.isEmpty, username.count <= 64 else {
            throw APIError.badRequest("invalid_username", "username must be 1 to 64 characters.")
        }
        guard
            let user = try UserRecord.fetchOne(
                db, sql: "SELECT * FROM user_profiles WHERE username = ?", arguments: [username])
        else {
            throw APIError.notFound("User \"\(username)\"", code: "user_not_found")
        }
        return user
    }

    static func delete(
        _ db: Database, requester: String, addressee: String, status: FriendshipRecord.Status
    ) throws -> Bool {
        try db.execute(
            sql: "DELETE FROM friendships WHERE requester_id = ? AND addressee_id = ? AND status = ?",
            arguments: [requester, addressee, status.rawValue])
        return db.changesCount > 0
    }

    static func noRequest(from user: UserRecord) -> APIError {
        APIError.notFound("A pending request from \(user.username)", code: "request_not_found")
    }
}
