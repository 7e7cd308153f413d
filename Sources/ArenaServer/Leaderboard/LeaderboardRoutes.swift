import Hummingbird

/// `/leaderboard/...`: the global, friends and search boards, one player's stats, and the ranks
/// around a player. All but the friends board are public.
struct LeaderboardRoutes: Sendable {
    let service: LeaderboardService

    func add(to router: Router<AppRequestContext>) {
        let group = router.group("leaderboard")
        group.get("global") { request, _ -> Response in
            try await service.globalBoard(Paging(query: request.uri.queryParameters)).response()
        }
        group.get("friends") { request, context -> Response in
            let me = try context.requireIdentity()
            return try await service.friendsBoard(userID: me.userID, Paging(query: request.uri.queryParameters))
                .response()
        }
        group.get("search") { request, _ -> Response in
            let query = request.uri.queryParameters
            let paging = try Paging(query: query)
            guard let prefix = query["q"] else {
                throw APIError.badRequest("invalid_query", "q must be 1 to 20 characters.")
            }
            return try await service.search(prefix: String(prefix), paging).response()
        }
        group.get("stats/:userId") { _, context -> Response in
            try await service.stats(userID: context.parameters.get("userId") ?? "").response()
        }
        group.get("around/:userId") { request, context -> Response in
            let radius = try Paging.integer(
                request.uri.queryParameters, "radius", default: LeaderboardService.defaultRadius,
                in: LeaderboardService.radiusRange)
            return try await service.around(userID: context.parameters.get("userId") ?? "", radius: radius)
                .response()
        }
    }
}
