import ArenaHTTP
import ArenaKit
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// The REST side of the server: every call the client makes, with the session's tokens kept here
/// and refreshed silently (before expiry, and once more when the server says `token_expired`).
/// Every token change passes through here, so this is also where the remembered session is
/// written (after each login and refresh: refresh tokens rotate) and forgotten.
public actor APIClient {
    private let http: HTTP1Client
    private let sessionFile: SessionFile?
    private var tokens: SessionTokens?
    private var refreshing: Task<AuthResponse, any Error>?
    /// Told the new access token after every silent refresh, so a long-lived gateway socket can
    /// swap it in (`authenticate`) before the server's per-frame expiry check refuses a move.
    private var onRefresh: (@Sendable (String) -> Void)?

    /// The user the tokens belong to, from the last login or refresh.
    public private(set) var user: UserDTO?

    public init(server: ServerAddress, tls: TLSConfiguration, sessionFile: SessionFile? = nil) {
        self.sessionFile = sessionFile
        var configuration = HTTP1ClientConfiguration(host: server.host, port: server.port, tls: tls)
        configuration.connectTimeout = .seconds(10)
        configuration.requestTimeout = .seconds(15)
        configuration.maxResponseBodyBytes = 1 << 20
        configuration.maxConnections = 4
        http = HTTP1Client(configuration: configuration)
    }

    public func setRefreshHandler(_ handler: @escaping @Sendable (String) -> Void) {
        onRefresh = handler
    }

    public func shutdown() async {
        await http.shutdown()
    }

    // MARK: auth

    public func register(email: String, username: String, password: String, fullName: String?) async throws
        -> UserDTO
    {
        let body = RegisterRequest(email: email, username: username, password: password, fullName: fullName)
        let auth: AuthResponse = try await call(.POST, "/auth/register", body: body, authenticated: false)
        adopt(auth)
        return auth.user
    }

    public func login(username: String, password: String) async throws -> UserDTO {
        let body = LoginRequest(username: username, password: password)
        let auth: AuthResponse = try await call(.POST, "/auth/login", body: body, authenticated: false)
        adopt(auth)
        return auth.user
    }

    /// Ends this session on the server and forgets it here, even when the server cannot be told.
    public func logout() async {
        if let refresh = tokens?.refreshToken {
            _ = try? await callWithoutResult(.POST, "/auth/logout", body: RefreshRequest(refreshToken: refresh))
        }
        tokens = nil
        user = nil
        sessionFile?.forget()
    }

    /// Logs in with the remembered session's refresh token. A token the server no longer takes
    /// throws `sessionExpired` and the file is deleted; an unreachable server keeps it.
    public func resume() async throws -> UserDTO {
        guard let saved = sessionFile?.load() else { throw ArenaClientError.notLoggedIn }
        tokens = SessionTokens(refreshToken: saved.refreshToken)
        do {
            _ = try await refresh()
        } catch {
            tokens = nil
            throw error
        }
        guard let user else { throw ArenaClientError.notLoggedIn }
        return user
    }

    public func profile() async throws -> UserDTO {
        let profile: UserDTO = try await call(.GET, "/auth/profile", body: Empty?.none)
        user = profile
        return profile
    }

    /// Changes the fields that are set; a password change needs the current one.
    public func updateProfile(_ request: ProfileUpdateRequest) async throws -> UserDTO {
        let profile: UserDTO = try await call(.PUT, "/auth/profile", body: request)
        user = profile
        return profile
    }

    /// Ends every session of the account, this one included.
    public func logoutEverywhere() async throws {
        try await callWithoutResult(.POST, "/auth/logout-all", body: Empty?.none)
        tokens = nil
        user = nil
        sessionFile?.forget()
    }

    /// A usable access token, refreshed first if it is about to expire. The gateway asks for one
    /// before every (re)connection.
    public func accessToken(forceRefresh: Bool = false) async throws -> String {
        guard let current = tokens else { throw ArenaClientError.notLoggedIn }
        if forceRefresh || current.needsRefresh(now: Date()) { return try await refresh().accessToken }
        return current.accessToken
    }

    public var isLoggedIn: Bool { tokens != nil }

    // MARK: games

    public func games(status: GameDTO.Status? = nil, mine: Bool = false) async throws -> [GameDTO] {
        var query: [String] = []
        if let status { query.append("status=\(status.rawValue)") }
        if mine { query.append("mine=true") }
        let path = "/games" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        let list: GameList = try await call(.GET, path, body: Empty?.none)
        return list.games
    }

    public func createGame(opponent: String? = nil, bot: String? = nil) async throws -> GameDTO {
        try await call(.POST, "/games", body: CreateGameRequest(opponent: opponent, bot: bot))
    }

    public func game(id: String) async throws -> GameDTO {
        try await call(.GET, "/games/\(try pathSegment(id))", body: Empty?.none)
    }

    public func joinGame(id: String) async throws -> GameDTO {
        try await call(.POST, "/games/\(try pathSegment(id))/join", body: Empty?.none)
    }

    public func move(gameID: String, position: Int) async throws -> GameDTO {
        try await call(.POST, "/games/\(try pathSegment(gameID))/move", body: MoveRequest(position: position))
    }

    /// Cancels a waiting game, or resigns an active one.
    public func deleteGame(id: String) async throws {
        try await callWithoutResult(.DELETE, "/games/\(try pathSegment(id))", body: Empty?.none)
    }

    // MARK: matchmaking

    public func enqueue() async throws -> MatchmakingStatusDTO {
        try await call(.POST, "/matchmaking/queue", body: QueueRequest())
    }

    public func leaveQueue() async throws {
        try await callWithoutResult(.DELETE, "/matchmaking/queue", body: Empty?.none)
    }

    public func matchmakingStatus() async throws -> MatchmakingStatusDTO {
        try await call(.GET, "/matchmaking/status", body: Empty?.none)
    }

    // MARK: players

    public func playerStats(userID: String) async throws -> PlayerStatsDTO {
        try await call(.GET, "/leaderboard/stats/\(try pathSegment(userID))", body: Empty?.none)
    }

    // MARK: plumbing

    struct Empty: Codable, Sendable {}
    private struct QueueRequest: Encodable, Sendable { var preferences: [String: String] = [:] }

    private func adopt(_ auth: AuthResponse) {
        tokens = SessionTokens(auth, now: Date())
        user = auth.user
        remember()
    }

    /// Writes the newest refresh token; a failed write costs only the next start's password.
    private func remember() {
        guard let sessionFile, let tokens, let user else { return }
        try? sessionFile.save(RememberedSession(username: user.username, refreshToken: tokens.refreshToken))
    }

    /// Ids come from the server, but a path is still no place for a slash or a query.
    func pathSegment(_ id: String) throws -> String {
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ArenaClientError(code: "bad_id", message: "Not a valid id.")
        }
        return id
    }

    private func refresh() async throws -> SessionTokens {
        if let refreshing { return SessionTokens(try await refreshing.value, now: Date()) }
        guard let current = tokens else { throw ArenaClientError.notLoggedIn }
        let task = Task { () throws -> AuthResponse in
            let (status, data) = try await self.send(
                .POST, "/auth/refresh", body: try WireCodec.encode(RefreshRequest(refreshToken: current.refreshToken)),
                token: nil)
            // 401: spent, revoked or expired; 400: a token the server cannot even read. Either
            // way it will never work again. Other failures (429, 5xx) may pass.
            if status == 401 || status == 400 { throw ArenaClientError.sessionExpired }
            guard status == 200, let auth = try? WireCodec.decode(AuthResponse.self, from: data) else {
                throw Self.failure(status: status, data: data)
            }
            return auth
        }
        refreshing = task
        defer { refreshing = nil }
        do {
            let auth = try await task.value
            let fresh = SessionTokens(auth, now: Date())
            tokens = fresh
            user = auth.user
            remember()
            onRefresh?(fresh.accessToken)
            return fresh
        } catch {
            if (error as? ArenaClientError)?.code == ArenaClientError.sessionExpired.code {
                tokens = nil
                sessionFile?.forget()
            }
            throw error
        }
    }

    func call<Body: Encodable, Response: Decodable>(
        _ method: HTTPMethod, _ path: String, body: Body?, authenticated: Bool = true
    ) async throws -> Response {
        let data = try await perform(method, path, body: body, authenticated: authenticated)
        do {
            return try WireCodec.decode(Response.self, from: data)
        } catch {
            throw ArenaClientError(code: "bad_response", message: "The server sent an answer this client cannot read.")
        }
    }

    @discardableResult
    func callWithoutResult<Body: Encodable>(
        _ method: HTTPMethod, _ path: String, body: Body?, authenticated: Bool = true
    ) async throws -> Data {
        try await perform(method, path, body: body, authenticated: authenticated)
    }

    private func perform<Body: Encodable>(
        _ method: HTTPMethod, _ path: String, body: Body?, authenticated: Bool
    ) async throws -> Data {
        let encoded = try body.map { try WireCodec.encode($0) }
        var token: String?
        if authenticated { token = try await accessToken() }
        var (status, data) = try await send(method, path, body: encoded, token: token)
        if authenticated, status == 401, Self.errorCode(in: data) == "token_expired" {
            token = try await refresh().accessToken
            (status, data) = try await send(method, path, body: encoded, token: token)
        }
        guard (200..<300).contains(status) else { throw Self.failure(status: status, data: data) }
        return data
    }

    /// The server's own error code and sentence, or the bare status when the body has none.
    private static func failure(status: Int, data: Data) -> ArenaClientError {
        let envelope = try? WireCodec.decode(ErrorEnvelope.self, from: data)
        return ArenaClientError(
            status: status, code: envelope?.error.code ?? "http_\(status)",
            message: envelope?.error.message ?? "The server answered \(status).")
    }

    private static func errorCode(in data: Data) -> String? {
        (try? WireCodec.decode(ErrorEnvelope.self, from: data))?.error.code
    }

    private func send(_ method: HTTPMethod, _ path: String, body: Data?, token: String?) async throws -> (Int, Data) {
        var request = HTTP1Request(method: method, target: path, headers: ["Accept": "application/json"])
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = ByteBuffer(bytes: body)
        }
        do {
            let response = try await http.execute(request)
            return (Int(response.status.code), Data(response.body.readableBytesView))
        } catch {
            throw ArenaClientError.transport(error)
        }
    }
}
