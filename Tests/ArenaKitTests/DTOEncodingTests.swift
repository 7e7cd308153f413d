import Foundation
import Testing

@testable import ArenaKit

/// Sample values shared by the wire tests.
enum Fixtures {
    static let userKeys: Set<String> = [
        "id", "username", "full_name", "avatar_url", "role", "elo_rating", "games_played", "games_won",
        "games_lost", "games_drawn", "last_active", "created_at",
    ]

    static let gameContractKeys: Set<String> = [
        "id", "player1_id", "player2_id", "current_player_id", "winner_id", "board", "status", "moves_count",
        "started_at", "ended_at", "created_at", "updated_at",
    ]

    static let gameAddedKeys: Set<String> = [
        "player1_username", "player2_username", "invited_id", "bot", "rated", "version", "end_reason",
        "winning_line", "disconnect_deadline", "player1_rating", "player2_rating", "player1_rating_change",
        "player2_rating_change",
    ]

    static func user(email: String? = nil, provisional: Bool? = nil) -> UserDTO {
        UserDTO(
            id: "3f1c2a9e-0000-4000-8000-000000000001", username: "alice", createdAt: "2024-05-01T10:00:00.000Z",
            email: email, provisional: provisional)
    }

    static let fullUser = UserDTO(
        id: "3f1c2a9e-0000-4000-8000-000000000002", username: "bob_99", fullName: "Bob Builder",
        avatarURL: "https://example.com/a/b.png", role: "moderator", eloRating: 1432, gamesPlayed: 40, gamesWon: 25,
        gamesLost: 10, gamesDrawn: 5, lastActive: "2024-05-02T11:12:13.456Z", createdAt: "2024-01-01T00:00:00.000Z",
        email: "bob@example.com", provisional: false)

    /// A waiting game: no second player, nothing started.
    static let waitingGame = GameDTO(
        id: "g-1", player1ID: "p-1", player2ID: nil, currentPlayerID: nil, winnerID: nil,
        board: Array(repeating: "", count: 9), status: .waiting, movesCount: 0, startedAt: nil, endedAt: nil,
        createdAt: "2024-05-01T10:00:00.000Z", updatedAt: "2024-05-01T10:00:00.000Z")

    /// A finished game with every added field set.
    static let finishedGame = GameDTO(
        id: "g-2", player1ID: "p-1", player2ID: "p-2", currentPlayerID: nil, winnerID: "p-1",
        board: ["X", "X", "X", "O", "O", "", "", "", ""], status: .completed, movesCount: 5,
        startedAt: "2024-05-01T10:00:01.000Z", endedAt: "2024-05-01T10:01:00.000Z",
        createdAt: "2024-05-01T10:00:00.000Z", updatedAt: "2024-05-01T10:01:00.000Z", player1Username: "alice",
        player2Username: "bob_99", invitedID: "p-2", bot: "hard", rated: false, version: 6, endReason: "win",
        winningLine: [0, 1, 2], disconnectDeadline: "2024-05-01T10:02:00.000Z", player1Rating: 1220,
        player2Rating: 1180, player1RatingChange: 20, player2RatingChange: -20)

    static let recentResult = RecentResultDTO(
        gameID: "g-2", opponentID: "p-2", opponentUsername: "bob_99", result: "win", eloBefore: 1200, eloAfter: 1220,
        eloChange: 20, endedAt: "2024-05-01T10:01:00.000Z")
}

/// Encodes with the codec and reads the result back as a plain JSON object.
func jsonObject<T: Encodable>(_ value: T) throws -> [String: Any] {
    let data = try WireCodec.encode(value)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

func isNull(_ value: Any?) -> Bool { value is NSNull }

@Suite struct DTOEncodingTests {
    // MARK: user

    @Test func userEncodesEveryContractKeyWithNulls() throws {
        let json = try jsonObject(Fixtures.user())
        #expect(Set(json.keys) == Fixtures.userKeys)
        #expect(json["id"] as? String == "3f1c2a9e-0000-4000-8000-000000000001")
        #expect(json["username"] as? String == "alice")
        #expect(isNull(json["full_name"]))
        #expect(isNull(json["avatar_url"]))
        #expect(isNull(json["last_active"]))
        #expect(json["role"] as? String == "player")
        #expect(json["elo_rating"] as? Int == 1200)
        for key in ["games_played", "games_won", "games_lost", "games_drawn"] {
            #expect(json[key] as? Int == 0, "\(key)")
        }
        #expect(json["created_at"] as? String == "2024-05-01T10:00:00.000Z")
        #expect(json["email"] == nil)
        #expect(json["provisional"] == nil)
    }

    @Test func userWithEveryFieldSet() throws {
        let json = try jsonObject(Fixtures.fullUser)
        #expect(Set(json.keys) == Fixtures.userKeys.union(["email", "provisional"]))
        #expect(json["full_name"] as? String == "Bob Builder")
        #expect(json["avatar_url"] as? String == "https://example.com/a/b.png")
        #expect(json["role"] as? String == "moderator")
        #expect(json["elo_rating"] as? Int == 1432)
        #expect(json["games_played"] as? Int == 40)
        #expect(json["games_won"] as? Int == 25)
        #expect(json["games_lost"] as? Int == 10)
        #expect(json["games_drawn"] as? Int == 5)
        #expect(json["last_active"] as? String == "2024-05-02T11:12:13.456Z")
        #expect(json["email"] as? String == "bob@example.com")
        #expect(json["provisional"] as? Bool == false)
        // Slashes are not escaped.
        let text = String(decoding: try WireCodec.encode(Fixtures.fullUser), as: UTF8.self)
        #expect(text.contains("https://example.com/a/b.png"))
    }

    @Test func emailOnlyWhenSet() throws {
        #expect(try jsonObject(Fixtures.user())["email"] == nil)
        #expect(try jsonObject(Fixtures.user(email: "a@b.co"))["email"] as? String == "a@b.co")
        #expect(try jsonObject(Fixtures.user(provisional: true))["provisional"] as? Bool == true)
    }

    @Test func userRoundTrips() throws {
        for user in [Fixtures.user(), Fixtures.user(email: "a@b.co"), Fixtures.fullUser] {
            #expect(try WireCodec.decode(UserDTO.self, from: WireCodec.encode(user)) == user)
        }
    }

    @Test func userDecodesContractJSONWithNulls() throws {
        let text = """
            {"id":"u1","username":"carol","full_name":null,"avatar_url":null,"role":"admin","elo_rating":1300,
             "games_played":3,"games_won":1,"games_lost":1,"games_drawn":1,"last_active":null,
             "created_at":"2024-01-01T00:00:00Z","some_future_key":true}
            """
        let user = try WireCodec.decode(UserDTO.self, from: Data(text.utf8))
        #expect(user.username == "carol")
        #expect(user.role == "admin")
        #expect(user.fullName == nil)
        #expect(user.email == nil)
        #expect(user.gamesDrawn == 1)
    }

    // MARK: game

    @Test func gameEncodesEveryKeyWithNulls() throws {
        let json = try jsonObject(Fixtures.waitingGame)
        #expect(Set(json.keys) == Fixtures.gameContractKeys.union(Fixtures.gameAddedKeys))
        for key in [
            "player2_id", "current_player_id", "winner_id", "started_at", "ended_at", "player1_username",
            "player2_username", "invited_id", "bot", "end_reason", "winning_line", "disconnect_deadline",
            "player1_rating", "player2_rating", "player1_rating_change", "player2_rating_change",
        ] {
            #expect(isNull(json[key]), "\(key) should be null")
        }
        #expect(json["player1_id"] as? String == "p-1")
        #expect(json["board"] as? [String] == Array(repeating: "", count: 9))
        #expect(json["status"] as? String == "waiting")
        #expect(json["moves_count"] as? Int == 0)
        #expect(json["rated"] as? Bool == true)
        #expect(json["version"] as? Int == 0)
        #expect(json["created_at"] as? String == "2024-05-01T10:00:00.000Z")
        #expect(json["updated_at"] as? String == "2024-05-01T10:00:00.000Z")
    }

    @Test func gameWithEveryFieldSet() throws {
        let json = try jsonObject(Fixtures.finishedGame)
        #expect(Set(json.keys) == Fixtures.gameContractKeys.union(Fixtures.gameAddedKeys))
        #expect(json["player2_id"] as? String == "p-2")
        #expect(isNull(json["current_player_id"]))
        #expect(json["winner_id"] as? String == "p-1")
        #expect(json["board"] as? [String] == ["X", "X", "X", "O", "O", "", "", "", ""])
        #expect(json["status"] as? String == "completed")
        #expect(json["moves_count"] as? Int == 5)
        #expect(json["started_at"] as? String == "2024-05-01T10:00:01.000Z")
        #expect(json["ended_at"] as? String == "2024-05-01T10:01:00.000Z")
        #expect(json["player1_username"] as? String == "alice")
        #expect(json["player2_username"] as? String == "bob_99")
        #expect(json["invited_id"] as? String == "p-2")
        #expect(json["bot"] as? String == "hard")
        #expect(json["rated"] as? Bool == false)
        #expect(json["version"] as? Int == 6)
        #expect(json["end_reason"] as? String == "win")
        #expect(json["winning_line"] as? [Int] == [0, 1, 2])
        #expect(json["disconnect_deadline"] as? String == "2024-05-01T10:02:00.000Z")
        #expect(json["player1_rating"] as? Int == 1220)
        #expect(json["player2_rating"] as? Int == 1180)
        #expect(json["player1_rating_change"] as? Int == 20)
        #expect(json["player2_rating_change"] as? Int == -20)
    }

    @Test(arguments: [
        (GameDTO.Status.waiting, "waiting"), (.active, "active"), (.completed, "completed"), (.abandoned, "abandoned"),
    ])
    func gameStatusStrings(status: GameDTO.Status, text: String) throws {
        var game = Fixtures.waitingGame
        game.status = status
        #expect(try jsonObject(game)["status"] as? String == text)
        #expect(try WireCodec.decode(GameDTO.self, from: WireCodec.encode(game)).status == status)
    }

    @Test func gameRoundTrips() throws {
        for game in [Fixtures.waitingGame, Fixtures.finishedGame] {
            #expect(try WireCodec.decode(GameDTO.self, from: WireCodec.encode(game)) == game)
        }
    }

    @Test func gameBoardIsTheBoardsWireForm() throws {
        let board = try play([4, 0, 8])
        var game = Fixtures.waitingGame
        game.board = board.wire
        let decoded = try WireCodec.decode(GameDTO.self, from: WireCodec.encode(game))
        #expect(Board(wire: decoded.board) == board)
    }

    @Test func gameHelpers() {
        let game = Fixtures.finishedGame
        #expect(game.mark(of: "p-1") == .x)
        #expect(game.mark(of: "p-2") == .o)
        #expect(game.mark(of: "someone") == nil)
        #expect(game.username(of: "p-1") == "alice")
        #expect(game.username(of: "p-2") == "bob_99")
        #expect(game.username(of: nil) == nil)
        #expect(game.rating(of: "p-2") == 1180)
        #expect(game.rating(of: nil) == nil)
        #expect(game.ratingChange(of: "p-1") == 20)
        #expect(game.ratingChange(of: "p-2") == -20)
        #expect(game.ratingChange(of: "x") == nil)
    }

    @Test func moveHistoryKeys() throws {
        let history = MoveHistory(moves: [
            MoveDTO(number: 1, playerID: "p-1", position: 4, mark: "X", createdAt: "2024-05-01T10:00:02.000Z")
        ])
        let json = try jsonObject(history)
        let moves = try #require(json["moves"] as? [[String: Any]])
        #expect(moves.count == 1)
        #expect(Set(moves[0].keys) == ["number", "player_id", "position", "mark", "created_at"])
        #expect(moves[0]["player_id"] as? String == "p-1")
        #expect(moves[0]["position"] as? Int == 4)
        #expect(moves[0]["mark"] as? String == "X")
    }

    // MARK: leaderboard and stats

    @Test func playerStatsIsFlattened() throws {
        let stats = PlayerStatsDTO(
            user: Fixtures.user(), recentResults: [Fixtures.recentResult], winRate: 0.5, bestStreak: 3, rank: 7)
        let json = try jsonObject(stats)
        #expect(json["user"] == nil)
        #expect(Set(json.keys) == Fixtures.userKeys.union(["recent_results", "win_rate", "best_streak", "rank"]))
        #expect(json["username"] as? String == "alice")
        #expect(isNull(json["full_name"]))
        #expect(json["win_rate"] as? Double == 0.5)
        #expect(json["best_streak"] as? Int == 3)
        #expect(json["rank"] as? Int == 7)
        let results = try #require(json["recent_results"] as? [[String: Any]])
        #expect(results.count == 1)
        #expect(
            Set(results[0].keys) == [
                "game_id", "opponent_id", "opponent_username", "result", "elo_before", "elo_after", "elo_change",
                "ended_at",
            ])
        #expect(results[0]["elo_change"] as? Int == 20)
        #expect(try WireCodec.decode(PlayerStatsDTO.self, from: WireCodec.encode(stats)) == stats)
    }

    @Test func playerStatsUnrankedAndEmpty() throws {
        let stats = PlayerStatsDTO(user: Fixtures.user(), recentResults: [], winRate: 0, bestStreak: 0, rank: nil)
        let json = try jsonObject(stats)
        #expect(isNull(json["rank"]))
        #expect((json["recent_results"] as? [Any])?.isEmpty == true)
        #expect(try WireCodec.decode(PlayerStatsDTO.self, from: WireCodec.encode(stats)) == stats)
    }

    @Test func playerStatsDecodesWithoutTheAddedFigures() throws {
        var user = try jsonObject(Fixtures.user())
        user["recent_results"] = []
        let data = try JSONSerialization.data(withJSONObject: user)
        let stats = try WireCodec.decode(PlayerStatsDTO.self, from: data)
        #expect(stats.user == Fixtures.user())
        #expect(stats.winRate == 0)
        #expect(stats.bestStreak == 0)
        #expect(stats.rank == nil)
    }

    @Test func leaderboardPageShape() throws {
        let page = LeaderboardPageDTO(
            entries: [
                LeaderboardEntryDTO(
                    rank: 1, userID: "u1", username: "alice", eloRating: 1300, gamesPlayed: 10, gamesWon: 7,
                    gamesLost: 2, gamesDrawn: 1)
            ], total: 42)
        let json = try jsonObject(page)
        #expect(Set(json.keys) == ["entries", "total"])
        #expect(json["total"] as? Int == 42)
        let entry = try #require((json["entries"] as? [[String: Any]])?.first)
        #expect(
            Set(entry.keys) == [
                "rank", "user_id", "username", "elo_rating", "games_played", "games_won", "games_lost", "games_drawn",
            ])
        #expect(entry["rank"] as? Int == 1)
        #expect(entry["user_id"] as? String == "u1")
        #expect(try WireCodec.decode(LeaderboardPageDTO.self, from: WireCodec.encode(page)) == page)
    }

    @Test func matchmakingStatusShape() throws {
        let idle = try jsonObject(MatchmakingStatusDTO(status: .idle))
        #expect(Set(idle.keys) == ["status", "queued_at", "wait_seconds", "elo_range", "game_id"])
        #expect(idle["status"] as? String == "idle")
        for key in ["queued_at", "wait_seconds", "elo_range", "game_id"] { #expect(isNull(idle[key]), "\(key)") }

        let queued = MatchmakingStatusDTO(
            status: .queued, queuedAt: "2024-05-01T10:00:00.000Z", waitSeconds: 12,
            eloRange: .init(min: 1100, max: 1300), gameID: nil, playersQueued: 4)
        let json = try jsonObject(queued)
        #expect(json["status"] as? String == "queued")
        #expect(json["wait_seconds"] as? Int == 12)
        #expect((json["elo_range"] as? [String: Any])?["min"] as? Int == 1100)
        #expect((json["elo_range"] as? [String: Any])?["max"] as? Int == 1300)
        #expect(json["players_queued"] as? Int == 4)
        #expect(try WireCodec.decode(MatchmakingStatusDTO.self, from: WireCodec.encode(queued)) == queued)
    }

    // MARK: auth

    @Test func authResponseShape() throws {
        let response = AuthResponse(
            user: Fixtures.user(email: "a@b.co"), accessToken: "acc", refreshToken: "ref", expiresIn: 900)
        let json = try jsonObject(response)
        #expect(Set(json.keys) == ["user", "access_token", "refresh_token", "token_type", "expires_in"])
        #expect(json["token_type"] as? String == "Bearer")
        #expect(json["expires_in"] as? Int == 900)
        #expect((json["user"] as? [String: Any])?["email"] as? String == "a@b.co")
    }

    @Test func requestBodiesUseSnakeCase() throws {
        let register = try jsonObject(
            RegisterRequest(email: "a@b.co", username: "alice", password: "pw", fullName: "A"))
        #expect(Set(register.keys) == ["email", "username", "password", "full_name"])
        let refresh = try jsonObject(RefreshRequest(refreshToken: "r"))
        #expect(Set(refresh.keys) == ["refresh_token"])
        let confirm = try jsonObject(PasswordResetConfirm(token: "t", newPassword: "n"))
        #expect(Set(confirm.keys) == ["token", "new_password"])
        let profile = try jsonObject(ProfileUpdateRequest(fullName: "A", avatarURL: "https://x/y", newPassword: "n"))
        #expect(Set(profile.keys) == ["full_name", "avatar_url", "new_password"])
        // The contract's register body: full_name optional.
        let minimal = try WireCodec.decode(
            RegisterRequest.self, from: Data(#"{"email":"a@b.co","username":"al","password":"p"}"#.utf8))
        #expect(minimal.fullName == nil)
    }

    // MARK: errors

    @Test func errorEnvelopeShape() throws {
        let json = try jsonObject(ErrorEnvelope(code: "not_found", message: "No such game."))
        #expect(Set(json.keys) == ["error"])
        let detail = try #require(json["error"] as? [String: Any])
        #expect(Set(detail.keys) == ["code", "message"])
        #expect(detail["code"] as? String == "not_found")
        #expect(detail["message"] as? String == "No such game.")
        let decoded = try WireCodec.decode(
            ErrorEnvelope.self, from: Data(#"{"error":{"code":"rate_limited","message":"Slow down."}}"#.utf8))
        #expect(decoded == ErrorEnvelope(code: "rate_limited", message: "Slow down."))
    }

    // MARK: timestamps

    @Test func timestampIsRFC3339UTC() throws {
        let date = Date(timeIntervalSince1970: 1_714_557_600.25)  // 2024-05-01T10:00:00.250Z
        let text = Timestamp.string(date)
        #expect(text == "2024-05-01T10:00:00.250Z")
        let pattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/
        #expect(text.wholeMatch(of: pattern) != nil)
        let back = try #require(Timestamp.date(text))
        #expect(abs(back.timeIntervalSince(date)) < 0.001)
    }

    @Test func timestampsParseBackAcrossTheRange() throws {
        for seconds in [0.0, 1.0, 86_399.999, 951_782_400, 1_700_000_000.5, 4_102_444_800] {
            let date = Date(timeIntervalSince1970: seconds)
            let text = Timestamp.string(date)
            #expect(text.hasSuffix("Z"), "\(text)")
            let back = try #require(Timestamp.date(text), "\(text)")
            #expect(abs(back.timeIntervalSince(date)) < 0.001, "\(text)")
        }
        #expect(Timestamp.string(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    }

    @Test func handWrittenTimestampsMatchFoundation() {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        var seconds = -86_400.0 * 400
        while seconds < 4_102_444_800 {
            let date = Date(timeIntervalSince1970: seconds.rounded())
            #expect(Timestamp.string(date) == date.formatted(style))
            seconds += 7_777_777.125
        }
    }

    @Test func timestampStringsSortLikeTheirDates() {
        // The server compares stored timestamps as strings; fixed width keeps that correct.
        let dates = [0.0, 0.001, 0.1, 0.999, 1, 59.5, 3600, 1_714_557_600, 1_714_557_600.05].map {
            Date(timeIntervalSince1970: $0)
        }
        let strings = dates.map(Timestamp.string)
        #expect(Set(strings.map(\.count)).count == 1, "\(strings)")
        #expect(strings == strings.sorted())
    }

    @Test func timestampParsesOtherRFC3339Forms() throws {
        let expected = Date(timeIntervalSince1970: 1_714_557_600)
        let plain = try #require(Timestamp.date("2024-05-01T10:00:00Z"))
        #expect(plain == expected)
        let fraction = try #require(Timestamp.date("2024-05-01T10:00:00.000Z"))
        #expect(fraction == expected)
        #expect(Timestamp.date("not a time") == nil)
        #expect(Timestamp.date("") == nil)
        #expect(Timestamp.date("2024-13-01T10:00:00Z") == nil)
    }
}
