import ArenaKit
import Hummingbird

/// The /games REST endpoints of the contract. Every change goes through `GameService`, so a move
/// made here reaches the gateway's rooms exactly like one made over a socket.
struct GameRoutes {
    let games: GameService
    let body: RequestBody

    func add(to router: Router<AppRequestContext>) {
        let group = router.group("games")
        group.post { request, context -> Response in
            let identity = try context.requireIdentity()
            let input = try await body.decodeIfPresent(CreateGameRequest.self, from: request) ?? CreateGameRequest()
            let game = try await games.create(by: identity, opponent: input.opponent, bot: input.bot)
            return try .json(game, status: .created)
        }
        group.get { request, context -> Response in
            let identity = try context.requireIdentity()
            let query = request.uri.queryParameters
            var status: GameDTO.Status?
            if let raw = query.get("status") {
                guard let parsed = GameDTO.Status(rawValue: String(raw)) else {
                    throw APIError.invalidField("status", "status must be waiting, active, completed or abandoned.")
                }
                status = parsed
            }
            var mine = false
            if let raw = query.get("mine") {
                guard let parsed = Bool(String(raw)) else {
                    throw APIError.invalidField("mine", "mine must be true or false.")
                }
                mine = parsed
            }
            let limit = try query.integer("limit", default: 50, in: 1...100, code: "invalid_limit")
            let list = try await games.list(status: status, viewer: identity.userID, mineOnly: mine, limit: limit)
            return try .json(GameList(games: list))
        }
        group.get(":id") { _, context -> Response in
            _ = try context.requireIdentity()
            return try .json(try await games.snapshot(try gameID(context)))
        }
        group.post(":id/join") { _, context -> Response in
            let identity = try context.requireIdentity()
            return try .json(try await games.join(try gameID(context), by: identity))
        }
        group.post(":id/move") { request, context -> Response in
            let identity = try context.requireIdentity()
            let input = try await body.decode(MoveRequest.self, from: request)
            return try .json(
                try await games.move(try gameID(context), by: identity.userID, position: input.position).game)
        }
        group.get(":id/history") { _, context -> Response in
            _ = try context.requireIdentity()
            return try .json(MoveHistory(moves: try await games.history(try gameID(context))))
        }
        group.get(":id/chat") { _, context -> Response in
            _ = try context.requireIdentity()
            let id = try gameID(context)
            _ = try await games.snapshot(id)
            return try .json(ChatLog(messages: try await games.recentChat(id)))
        }
        group.delete(":id") { _, context -> Response in
            let identity = try context.requireIdentity()
            _ = try await games.cancelOrResign(try gameID(context), by: identity.userID)
            return .noContent
        }
    }

    private func gameID(_ context: AppRequestContext) throws -> String {
        guard let id = context.parameters.get("id") else { throw APIError.notFound("Game") }
        return id
    }
}

/// `GET /games/{id}/chat` (added): the recent chat of a game, oldest first.
struct ChatLog: Codable, Sendable {
    var messages: [ChatMessageDTO]
}
