import ArenaKit
import Foundation

/// Leaderboards, player stats, friends and game chat: reads and small writes beside the game.
extension APIClient {
    public func leaderboard(_ board: LeaderboardBoard, limit: Int = 20, offset: Int = 0) async throws
        -> LeaderboardPageDTO
    {
        let paging = "limit=\(max(1, min(limit, 100)))&offset=\(max(0, offset))"
        switch board {
        case .global:
            return try await call(.GET, "/leaderboard/global?\(paging)", body: Empty?.none, authenticated: false)
        case .friends:
            return try await call(.GET, "/leaderboard/friends?\(paging)", body: Empty?.none)
        case .search(let text):
            return try await call(.GET, "/leaderboard/search?q=\(Self.queryValue(text))&\(paging)", body: Empty?.none)
        case .around(let userID, let radius):
            let path = "/leaderboard/around/\(try pathSegment(userID))?radius=\(max(0, min(radius, 50)))"
            return try await call(.GET, path, body: Empty?.none, authenticated: false)
        }
    }

    public func friends() async throws -> FriendListDTO {
        try await call(.GET, "/friends", body: Empty?.none)
    }

    public func sendFriendRequest(to username: String) async throws -> FriendRequestResultDTO {
        try await call(.POST, "/friends/requests", body: FriendRequestBody(username: username))
    }

    public func acceptFriendRequest(from username: String) async throws {
        try await callWithoutResult(.POST, "/friends/requests/\(Self.pathName(username))/accept", body: Empty?.none)
    }

    public func declineFriendRequest(from username: String) async throws {
        try await callWithoutResult(.POST, "/friends/requests/\(Self.pathName(username))/decline", body: Empty?.none)
    }

    public func withdrawFriendRequest(to username: String) async throws {
        try await callWithoutResult(.DELETE, "/friends/requests/\(Self.pathName(username))", body: Empty?.none)
    }

    public func removeFriend(_ username: String) async throws {
        try await callWithoutResult(.DELETE, "/friends/\(Self.pathName(username))", body: Empty?.none)
    }

    public func chat(gameID: String) async throws -> [ChatMessageDTO] {
        let log: ChatLogDTO = try await call(.GET, "/games/\(try pathSegment(gameID))/chat", body: Empty?.none)
        return log.messages
    }

    /// A username typed by a person, made safe for one path segment.
    static func pathName(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    /// Typed text for a query value: only letters and digits pass unescaped.
    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
