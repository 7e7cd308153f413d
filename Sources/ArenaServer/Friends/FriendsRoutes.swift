import ArenaKit
import Hummingbird

/// `/friends...`: send, accept, decline and withdraw requests; list and remove friends. Every
/// route needs a signed-in user. Online flags come from the gateway and are never cached.
struct FriendsRoutes: Sendable {
    let store: FriendshipStore
    let notifier: any PlayerNotifier
    let leaderboard: LeaderboardService
    let context: ServerContext

    init(context: ServerContext, notifier: any PlayerNotifier, leaderboard: LeaderboardService) {
        self.store = FriendshipStore(database: context.database)
        self.notifier = notifier
        self.leaderboard = leaderboard
        self.context = context
    }

    func add(to router: Router<AppRequestContext>) {
        let group = router.group("friends")
        group.get { _, requestContext -> Response in
            try await list(for: try requestContext.requireIdentity().userID).response()
        }
        group.post("requests") { request, requestContext -> Response in
            let me = try requestContext.requireIdentity()
            let body = try await context.body.decode(FriendRequestBody.self, from: request)
            let result = try await store.request(from: me.userID, to: body.username, now: now())
            leaderboard.friendshipsChanged()
            return try JSONPayload(result).response(status: .created)
        }
        group.post("requests/:username/accept") { _, requestContext -> Response in
            let me = try requestContext.requireIdentity()
            let (friend, since) = try await store.accept(
                from: username(requestContext), me: me.userID, now: now())
            leaderboard.friendshipsChanged()
            let online = await notifier.isOnline(friend.id)
            return try JSONPayload(FriendDTO(user: friend.dto(), online: online, since: since)).response()
        }
        group.post("requests/:username/decline") { _, requestContext -> Response in
            let me = try requestContext.requireIdentity()
            try await store.decline(from: username(requestContext), me: me.userID)
            return Response(status: .noContent)
        }
        group.delete("requests/:username") { _, requestContext -> Response in
            let me = try requestContext.requireIdentity()
            try await store.cancel(to: username(requestContext), me: me.userID)
            return Response(status: .noContent)
        }
        group.delete(":username") { _, requestContext -> Response in
            let me = try requestContext.requireIdentity()
            try await store.remove(friend: username(requestContext), me: me.userID)
            leaderboard.friendshipsChanged()
            return Response(status: .noContent)
        }
    }

    func list(for userID: String) async throws -> JSONPayload {
        let listing = try await store.list(of: userID)
        let online = listing.friends.isEmpty ? [] : await notifier.onlineUserIDs()
        return try JSONPayload(
            FriendListDTO(
                friends: listing.friends.map {
                    FriendDTO(user: $0.user.dto(), online: online.contains($0.user.id), since: $0.since)
                },
                incoming: listing.incoming.map { PendingFriendDTO(user: $0.user.dto(), createdAt: $0.createdAt) },
                outgoing: listing.outgoing.map { PendingFriendDTO(user: $0.user.dto(), createdAt: $0.createdAt) }))
    }

    private func username(_ requestContext: AppRequestContext) -> String {
        requestContext.parameters.get("username") ?? ""
    }

    private func now() -> String { Timestamp.string(context.clock.now()) }
}
