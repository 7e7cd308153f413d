import ArenaClient
import ArenaKit
import NIOSSL
import Synchronization

/// Performs effects against the server and posts each outcome back as an event. Runs on Swift
/// concurrency; it never touches the terminal.
public final class EffectRunner: Sendable {
    private let api: APIClient
    private let gateway: GatewayConnection
    private let events: EventQueue
    private let refresher = Mutex<Task<Void, Never>?>(nil)

    public init(server: ServerAddress, tls: TLSConfiguration, events: EventQueue, sessionFile: SessionFile? = nil) {
        let api = APIClient(server: server, tls: tls, sessionFile: sessionFile)
        self.api = api
        self.events = events
        let gateway = GatewayConnection(
            server: server, tls: tls, token: { force in try await api.accessToken(forceRefresh: force) },
            onEvent: { events.post(.gateway($0)) })
        self.gateway = gateway
        // The server checks the token's expiry on every move and chat of a long-lived socket:
        // hand it each refreshed token. Dropped quietly when no socket is open (the next
        // connection authenticates with a fresh token anyway).
        Task {
            await api.setRefreshHandler { token in
                gateway.send(ClientEnvelope(message: .authenticate(accessToken: token)))
            }
        }
    }

    public func perform(_ effect: Effect) {
        switch effect {
        case .connectGateway:
            gateway.start()
            keepTokenFresh()
        case .disconnectGateway:
            gateway.stop()
            stopRefresher()
        case .send(let envelope):
            if !gateway.send(envelope) { events.post(.response(.notSent(requestID: envelope.id))) }
        case .ringBell, .quit:
            // The run loop handles these on the terminal's thread.
            break
        case .login(let username, let password):
            request({ .authenticated($0) }) { api in try await api.login(username: username, password: password) }
        case .resumeSession:
            request({ .resumed($0) }) { api in try await api.resume() }
        case .register(let email, let username, let password, let fullName):
            request({ .authenticated($0) }) { api in
                try await api.register(email: email, username: username, password: password, fullName: fullName)
            }
        case .logout:
            let api = self.api
            let events = self.events
            gateway.stop()
            stopRefresher()
            Task {
                await api.logout()
                events.post(.response(.loggedOut))
            }
        case .loadLobby:
            request({ .lobbyLoaded($0) }) { api in
                async let mine = api.games(mine: true)
                async let waiting = api.games(status: .waiting)
                async let live = api.games(status: .active)
                // Friends are a side pane: the games still show if they fail to load.
                async let friends = try? api.friends()
                return LobbyData(
                    mine: try await mine, waiting: try await waiting, live: (try? await live) ?? [],
                    friends: await friends)
            }
        case .createGame(let opponent, let bot):
            request({ .gameCreated($0) }) { api in try await api.createGame(opponent: opponent, bot: bot) }
        case .joinGame(let id):
            request({ .gameJoined($0) }) { api in try await api.joinGame(id: id) }
        case .fetchGame(let id):
            request({ .gameFetched($0) }) { api in try await api.game(id: id) }
        case .deleteGame(let id):
            request({ .gameDeleted(gameID: id, $0) }) { api in
                try await api.deleteGame(id: id)
                return Done()
            }
        case .enqueue:
            request({ .queued($0) }) { api in try await api.enqueue() }
        case .pollQueue:
            request({ .queueStatus($0) }) { api in try await api.matchmakingStatus() }
        case .leaveQueue:
            let api = self.api
            let events = self.events
            Task {
                try? await api.leaveQueue()
                events.post(.response(.queueLeft))
            }
        case .loadPlayer(let userID):
            request({ .playerLoaded($0) }) { api in try await api.playerStats(userID: userID).user }
        case .loadProfile:
            request({ .profileLoaded($0) }) { api in try await api.profile() }
        case .saveProfile(let fullName, let avatarURL, let email):
            request({ .profileSaved($0) }) { api in
                try await api.updateProfile(
                    ProfileUpdateRequest(fullName: fullName, avatarURL: avatarURL, email: email))
            }
        case .changePassword(let current, let new):
            request({ .passwordChanged($0) }) { api in
                try await api.updateProfile(ProfileUpdateRequest(currentPassword: current, newPassword: new))
            }
        case .logoutEverywhere:
            let api = self.api
            let events = self.events
            gateway.stop()
            stopRefresher()
            Task {
                do {
                    try await api.logoutEverywhere()
                } catch {
                    await api.logout()
                }
                events.post(.response(.loggedOut))
            }
        case .loadSSHKeys:
            request({ .sshKeysLoaded($0) }) { api in try await api.sshKeys() }
        case .linkSSHKey(let line):
            request({ .sshKeyLinked($0) }) { api in try await api.linkSSHKey(line) }
        case .unlinkSSHKey(let id):
            request({ .sshKeyUnlinked(id: id, $0) }) { api in
                try await api.unlinkSSHKey(id: id)
                return Done()
            }
        case .loadLeaderboard(let board, let limit, let offset):
            request({ .leaderboardLoaded(board, offset: offset, $0) }) { api in
                try await api.leaderboard(board, limit: limit, offset: offset)
            }
        case .loadStats(let userID):
            request({ .statsLoaded(userID: userID, $0) }) { api in try await api.playerStats(userID: userID) }
        case .loadFriends:
            request({ .friendsLoaded($0) }) { api in try await api.friends() }
        case .friend(let action):
            request({ .friendDone(action, $0) }) { api in
                switch action {
                case .send(let name): _ = try await api.sendFriendRequest(to: name)
                case .accept(let name): try await api.acceptFriendRequest(from: name)
                case .decline(let name): try await api.declineFriendRequest(from: name)
                case .withdraw(let name): try await api.withdrawFriendRequest(to: name)
                case .remove(let name): try await api.removeFriend(name)
                }
                return Done()
            }
        case .loadChat(let gameID):
            request({ .chatLoaded(gameID: gameID, $0) }) { api in try await api.chat(gameID: gameID) }
        }
    }

    /// A quiet game makes no REST calls, yet the server checks the token on every move: ask for
    /// a usable token every little while, so it is refreshed before expiry and the refresh
    /// handler hands the new one to the socket (`authenticate`).
    private func keepTokenFresh() {
        let api = self.api
        let task = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(15))
                guard await api.isLoggedIn else { continue }
                _ = try? await api.accessToken()
            }
        }
        refresher.withLock { current in
            current?.cancel()
            current = task
        }
    }

    private func stopRefresher() {
        refresher.withLock { current in
            current?.cancel()
            current = nil
        }
    }

    /// Stops the gateway and closes the HTTP client; called once the loop has ended.
    public func shutdown() async {
        stopRefresher()
        gateway.stop()
        await api.shutdown()
    }

    private func request<Value: Sendable>(
        _ wrap: @escaping @Sendable (Result<Value, ArenaClientError>) -> Response,
        _ body: @escaping @Sendable (APIClient) async throws -> Value
    ) {
        let api = self.api
        let events = self.events
        Task {
            do {
                events.post(.response(wrap(.success(try await body(api)))))
            } catch {
                events.post(.response(wrap(.failure(ArenaClientError.transport(error)))))
            }
        }
    }
}
