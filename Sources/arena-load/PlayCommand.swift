import ArgumentParser
import Foundation
import Logging
import NIOSSL
import Synchronization

/// The default mode: N concurrent games over 2N gateway connections, with optional REST readers
/// and a login storm alongside.
struct PlayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Play N concurrent games for a fixed time and report moves/s and move-to-opponent latency.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Concurrent games (2 connections each). 0 runs only the REST readers or the login storm.")
    var games: Int = 10

    @Option(help: "Length of the timed window in seconds.")
    var duration: Double = 10

    @Option(
        name: .customLong("think-ms"), help: "How long each player waits after the opponent's move; 0 = full speed.")
    var thinkMilliseconds: Int = 0

    @Option(help: "Seconds of play before the timed window opens.")
    var warmup: Double = 1

    @Option(name: .customLong("connect-concurrency"), help: "TLS handshakes in flight while connecting.")
    var connectConcurrency: Int = 32

    @Option(name: .customLong("rest-readers"), help: "Concurrent REST readers during the window (0 = none).")
    var restReaders: Int = 0

    @Option(name: .customLong("rest-rate"), help: "REST reads per second across all readers (0 = flat out).")
    var restRate: Double = 200

    @Option(name: .customLong("login-workers"), help: "Concurrent login loops during the window (0 = none).")
    var loginWorkers: Int = 0

    @Option(name: .customLong("login-accounts"), help: "Accounts the login storm cycles through.")
    var loginAccounts: Int = 50

    func validate() throws {
        guard games >= 0, duration > 0, thinkMilliseconds >= 0, warmup >= 0, connectConcurrency > 0 else {
            throw ValidationError("--games, --duration, --think-ms, --warmup must be positive (games may be 0)")
        }
        guard games > 0 || restReaders > 0 || loginWorkers > 0 else {
            throw ValidationError("nothing to do: give --games, --rest-readers or --login-workers")
        }
    }

    struct Report: Encodable {
        var mode = "play"
        var server: String
        var games: Int
        var thinkMs: Int
        var durationS: Double
        var connections: Int
        var moves: Int
        var movesPerSecond: Double
        var gamesFinished: Int
        var latencyMs: LatencySummary
        var errors: Int
        var errorKinds: [String: Int]
        var stalledGames: Int
        var serverUsage: ServerSampler.Usage
        /// The server's CPU time over the window (its own `process_cpu_seconds_total`) per move counted.
        var serverCpuUsPerMove: Double?
        var clientCpuPercent: Double
        var rest: RestReaders.Result?
        var login: LoginStorm.Result?
        var context: RunContext
    }

    func run() async throws {
        MachineInfo.raiseOpenFiles()
        let address = try common.address()
        try await RestClient.with(address: address, connectionsPerHost: max(16, restReaders + loginWorkers)) { rest in
            try await play(address: address, rest: rest)
        }
    }

    private func play(address: ServerAddress, rest: RestClient) async throws {
        var context = RunContext.now()

        let accountCount = max(2 * games, loginWorkers > 0 ? loginAccounts : 0, restReaders > 0 ? 1 : 0)
        let usernames = Accounts.usernames(prefix: common.accountsPrefix, count: accountCount)
        let sessions = try await Accounts.sessions(
            rest: rest, usernames: usernames, password: common.password, concurrency: common.setupConcurrency)

        let pairs = (0..<games).map { _ in GamePair() }
        let firstGames = try await startGames(rest: rest, sessions: sessions, count: games)
        let window = RunWindow()
        let gate = Gate()
        let tls = try NIOSSLContext(configuration: ServerAddress.tls)
        let counter = ConnectionCounter()
        let probe = common.probe(for: address)
        let seconds = duration

        let (players, side) = await withTaskGroup(of: PlayerResult.self) { group -> ([PlayerResult], SideResults) in
            // Connect everyone, a bounded number of handshakes at a time.
            let connectStart = Date()
            for index in 0..<(2 * games) {
                await counter.waitForRoom(launched: index, limit: connectConcurrency)
                let seat = index % 2
                let session = sessions[index]
                let setup = Player.Setup(
                    seat: seat, userID: session.userID, token: session.token, firstGame: firstGames[index / 2],
                    pair: pairs[index / 2], thinkMilliseconds: thinkMilliseconds, seed: UInt64(index + 1))
                group.addTask {
                    await PlayerConnection.run(
                        setup, address: address, tls: tls, window: window, connected: { counter.record(opened: $0) },
                        gate: gate)
                }
            }
            await counter.waitForAll(2 * games)
            if games > 0 {
                Log.progress(
                    "\(counter.opened) connections open (\(counter.failed) failed) in "
                        + String(format: "%.1f s", Date().timeIntervalSince(connectStart)))
            }
            gate.open()
            try? await Task.sleep(for: .seconds(warmup))

            let serverCPUStart = await rest.serverCPUSeconds()
            let start = Now.nanos()
            let end = start &+ UInt64(seconds * 1e9)
            window.open(at: start, seconds: seconds)
            let clientCPUStart = MachineInfo.selfCPUSeconds()
            let side = await runSideLoads(
                rest: rest, sessions: sessions, usernames: usernames, pairs: pairs, probe: probe, window: window,
                end: end)
            let clientCPU = (MachineInfo.selfCPUSeconds() - clientCPUStart) / seconds * 100
            let serverCPUEnd = await rest.serverCPUSeconds()
            window.stop()
            // A slot that has not moved for several think times (and at least 5 s) is stuck.
            let patience = UInt64(max(5_000, 4 * thinkMilliseconds + 2_000)) * 1_000_000
            let stalled = pairs.filter { $0.lastProgress.load(ordering: .relaxed) &+ patience < end }.count
            // Let answers in flight arrive, then close every connection.
            try? await Task.sleep(for: .milliseconds(300))
            group.cancelAll()
            var results: [PlayerResult] = []
            for await result in group { results.append(result) }
            return (
                results,
                SideResults(
                    usage: side.usage, rest: side.rest, login: side.login, clientCPU: clientCPU,
                    stalled: stalled, serverCPUSeconds: serverCPUStart.flatMap { a in serverCPUEnd.map { $0 - a } })
            )
        }

        context.loadAverageEnd = MachineInfo.loadAverage()
        var errors = ErrorTally()
        var latencies: [UInt32] = []
        var moves = 0
        var finished = 0
        for player in players {
            errors.merge(player.errors)
            latencies += player.latencies
            moves += player.moves
            finished += player.gamesFinished
        }
        if side.stalled > 0 { errors.add("stalled_game", side.stalled) }
        let cpuPerMove = side.serverCPUSeconds.flatMap { cpu in
            moves > 0 ? (cpu * 1e6 / Double(moves) * 10).rounded() / 10 : nil
        }
        let report = Report(
            server: common.server, games: games, thinkMs: thinkMilliseconds, durationS: duration,
            connections: 2 * games, moves: moves, movesPerSecond: (Double(moves) / duration).rounded(),
            gamesFinished: finished, latencyMs: LatencySummary(microseconds: latencies), errors: errors.total,
            errorKinds: errors.counts, stalledGames: side.stalled, serverUsage: side.usage,
            serverCpuUsPerMove: cpuPerMove, clientCpuPercent: side.clientCPU.rounded(), rest: side.rest,
            login: side.login, context: context)
        ReportWriter.emit(table: table(report), report: report, json: common.json)
    }

    struct SideResults: Sendable {
        var usage: ServerSampler.Usage
        var rest: RestReaders.Result?
        var login: LoginStorm.Result?
        var clientCPU: Double = 0
        var stalled: Int = 0
        /// The server's own CPU seconds over the window, from `/metrics`.
        var serverCPUSeconds: Double?
    }

    /// Everything that runs for exactly the window next to the games: the server sampler, REST
    /// readers and the login storm. Returns when the window closes.
    private func runSideLoads(
        rest: RestClient, sessions: [Session], usernames: [String], pairs: [GamePair], probe: ProcessProbe?,
        window: RunWindow, end: UInt64
    ) async -> SideResults {
        let seconds = duration
        async let usage = ServerSampler(probe: probe).sample(until: end)
        async let reads: RestReaders.Result? = {
            guard restReaders > 0, let reader = sessions.first else { return nil }
            let readers = RestReaders(
                rest: rest, token: reader.token, readers: restReaders, rate: restRate,
                liveGame: { pairs.randomElement()?.currentGame })
            return await readers.run(window: window, until: end)
        }()
        async let logins: LoginStorm.Result? = {
            guard loginWorkers > 0 else { return nil }
            let storm = LoginStorm(
                rest: rest, usernames: Array(usernames.prefix(loginAccounts)), password: common.password,
                workers: loginWorkers)
            return await storm.run(window: window, seconds: seconds, until: end)
        }()
        return await SideResults(usage: usage, rest: reads, login: logins)
    }

    /// Connection failures are counted in the report; the libraries' own logs would only be noise.
    static func quietLogger() -> Logger {
        var logger = Logger(label: "arena-load")
        logger.logLevel = .critical
        return logger
    }

    /// One waiting game per slot, joined by the guest, so every slot starts with the host to move.
    private func startGames(rest: RestClient, sessions: [Session], count: Int) async throws -> [String] {
        var ids = [String](repeating: "", count: count)
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            var next = 0
            func launch() {
                guard next < count else { return }
                let slot = next
                next += 1
                group.addTask {
                    (
                        slot,
                        try await rest.startGame(host: sessions[2 * slot].token, guest: sessions[2 * slot + 1].token)
                    )
                }
            }
            for _ in 0..<16 { launch() }
            while let (slot, id) = try await group.next() {
                ids[slot] = id
                launch()
            }
        }
        return ids
    }

    private func table(_ r: Report) -> [(String, String)] {
        var rows: [(String, String)] = [
            ("server", "\(r.server)  games \(r.games)  think \(r.thinkMs) ms  window \(r.durationS) s"),
            ("moves", "\(r.moves)  (\(Int(r.movesPerSecond)) moves/s, \(r.gamesFinished) games finished)"),
            ("move-to-opponent", ReportWriter.ms(r.latencyMs)),
            ("errors", r.errors == 0 ? "0" : "\(r.errors) \(r.errorKinds)"),
            ("server usage", ReportWriter.usage(r.serverUsage)),
            (
                "server CPU per move",
                r.serverCpuUsPerMove.map { String(format: "%.1f us (process_cpu_seconds_total)", $0) }
                    ?? "not reported (no /metrics)"
            ),
            ("load tool CPU", String(format: "%.0f%% of one core", r.clientCpuPercent)),
        ]
        if let rest = r.rest {
            rows.append(("GET /leaderboard/global", ReportWriter.ms(rest.leaderboard)))
            rows.append(("GET /games/{id}", ReportWriter.ms(rest.game)))
            rows.append(("GET /health", ReportWriter.ms(rest.health)))
            rows.append(("REST errors", "\(rest.errors)"))
        }
        if let login = r.login {
            rows.append(
                (
                    "logins",
                    String(
                        format: "%d (%.1f/s), busy %d, errors %d", login.logins,
                        login.loginsPerSecond, login.busy, login.errors)
                ))
            rows.append(("login latency", ReportWriter.ms(login.latency)))
        }
        rows.append(("machine", "\(r.context.cores) cores, \(r.context.cpuModel), \(r.context.memoryGib) GiB"))
        rows.append(("load average", "\(r.context.loadAverageStart) -> \(r.context.loadAverageEnd)"))
        rows.append(("date", r.context.date))
        return rows
    }
}
