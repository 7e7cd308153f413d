import ArenaHTTP
import ArenaKit
import Foundation
import NIOCore
import NIOHTTP1

/// The few REST calls the tool makes: accounts and the first game of each slot before the timed
/// window, and timed reads during it. Bodies are small; Foundation JSON is fine off the hot path.
struct RestClient: Sendable {
    let http: HTTP1Client
    let address: ServerAddress

    init(address: ServerAddress, connectionsPerHost: Int = 16) {
        var configuration = HTTP1ClientConfiguration(host: address.host, port: address.port, tls: ServerAddress.tls)
        configuration.maxConnections = connectionsPerHost
        configuration.idleTimeout = .seconds(60)
        configuration.connectTimeout = .seconds(10)
        configuration.requestTimeout = .seconds(60)
        configuration.maxResponseBodyBytes = 8 << 20
        http = HTTP1Client(configuration: configuration)
        self.address = address
    }

    func shutdown() async { await http.shutdown() }

    /// Runs `body` with a client and shuts the client down after it, whether `body` returned or
    /// threw, so no kept-alive connection outlives the command.
    static func with<Value>(
        address: ServerAddress, connectionsPerHost: Int = 16, _ body: (RestClient) async throws -> Value
    ) async throws -> Value {
        let rest = RestClient(address: address, connectionsPerHost: connectionsPerHost)
        do {
            let value = try await body(rest)
            await rest.shutdown()
            return value
        } catch {
            await rest.shutdown()
            throw error
        }
    }

    struct Reply: Sendable {
        var status: Int
        var body: Data
    }

    func send(_ method: HTTPMethod, _ path: String, token: String? = nil, json: Data? = nil) async throws -> Reply {
        var request = HTTP1Request(method: method, target: path)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = ByteBuffer(bytes: json)
        }
        let response = try await http.execute(request)
        return Reply(status: Int(response.status.code), body: Data(response.body.readableBytesView))
    }

    /// A session for `username`: logs in, or registers the account the first time.
    func session(username: String, password: String) async throws -> AuthResponse {
        let login = try await send(
            .POST, "/auth/login", json: WireCodec.encode(LoginRequest(username: username, password: password)))
        if login.status == 200 { return try WireCodec.decode(AuthResponse.self, from: login.body) }
        guard login.status == 401 else { throw unexpected("login \(username)", login) }
        let register = try await send(
            .POST, "/auth/register",
            json: WireCodec.encode(
                RegisterRequest(email: "\(username)@load.invalid", username: username, password: password)))
        guard register.status == 201 else { throw unexpected("register \(username)", register) }
        return try WireCodec.decode(AuthResponse.self, from: register.body)
    }

    /// A fresh game between two accounts, active and with `host` to move.
    func startGame(host: String, guest: String) async throws -> String {
        let created = try await send(.POST, "/games", token: host, json: Data("{}".utf8))
        guard created.status == 201 else { throw unexpected("create game", created) }
        let game = try WireCodec.decode(GameDTO.self, from: created.body)
        let joined = try await send(.POST, "/games/\(game.id)/join", token: guest, json: Data("{}".utf8))
        guard joined.status == 200 else { throw unexpected("join game", joined) }
        return game.id
    }

    /// The server's own CPU time so far (`process_cpu_seconds_total` on `/metrics`), or nil if the
    /// server does not report it. Read at both ends of the timed window, it gives the server's CPU
    /// per move however busy the rest of the machine is.
    func serverCPUSeconds() async -> Double? {
        guard let reply = try? await send(.GET, "/metrics"), reply.status == 200 else { return nil }
        return Self.metric("process_cpu_seconds_total", in: String(decoding: reply.body, as: UTF8.self))
    }

    /// The value of an unlabelled sample in Prometheus' text format.
    static func metric(_ name: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, fields[0] == name { return Double(fields[1]) }
        }
        return nil
    }

    private func unexpected(_ what: String, _ reply: Reply) -> LoadError {
        let hint =
            reply.status == 429 ? " (the server's per-IP limits are on: start it with Benchmarks/server.conf)" : ""
        return LoadError(
            "\(what): HTTP \(reply.status) \(String(decoding: reply.body.prefix(300), as: UTF8.self))\(hint)")
    }
}
