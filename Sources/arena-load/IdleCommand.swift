import ArgumentParser
import Foundation
import HTTPTypes
import Logging
import Synchronization
import WSClient

/// Holds C idle authenticated gateway connections and reports what they cost the server: resident
/// memory per connection, and CPU while nothing happens.
struct IdleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idle",
        abstract: "Hold C idle authenticated connections; report server RSS per connection and idle CPU.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Connections to open and hold.")
    var connections: Int = 1000

    @Option(help: "Seconds to hold them once all are open.")
    var hold: Double = 10

    @Option(help: "Accounts to spread the connections over (a player may have several connections).")
    var accounts: Int = 20

    @Option(name: .customLong("connect-concurrency"), help: "TLS handshakes in flight while connecting.")
    var connectConcurrency: Int = 64

    struct Report: Encodable {
        var mode = "idle"
        var server: String
        var connections: Int
        var opened: Int
        var failed: Int
        var connectSeconds: Double
        var serverRssMibBefore: Double?
        var serverRssMibAfter: Double?
        var serverKibPerConnection: Double?
        var serverCpuPercentIdle: Double?
        var clientRssMib: Double?
        var context: RunContext
    }

    func run() async throws {
        MachineInfo.raiseOpenFiles()
        let address = try common.address()
        var context = RunContext.now()
        let sessions = try await common.sessions(at: address, count: max(1, min(accounts, connections)))
        guard let probe = common.probe(for: address) else {
            throw LoadError("cannot find the server's process: pass --server-pid")
        }
        let logger = PlayCommand.quietLogger()
        // Let the server settle after the logins (Argon2 buffers are freed lazily).
        try await Task.sleep(for: .seconds(2))
        let before = probe.residentKiB()

        let counter = ConnectionCounter()
        let release = Gate()
        let started = Date()
        var measured: (after: Int?, cpu: Double?, connectSeconds: Double) = (nil, nil, 0)
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<connections {
                await counter.waitForRoom(launched: index, limit: connectConcurrency)
                let token = sessions[index % sessions.count].token
                group.addTask {
                    let ok = await Self.holdConnection(
                        address: address, token: token, release: release, logger: logger,
                        opened: { counter.record(opened: true) })
                    if !ok { counter.record(opened: false) }
                }
            }
            await counter.waitForAll(connections)
            measured.connectSeconds = Date().timeIntervalSince(started)
            Log.progress(
                "\(counter.opened) connections open in "
                    + String(format: "%.1f s", measured.connectSeconds) + "; holding \(hold) s")
            try? await Task.sleep(for: .seconds(2))
            let cpuStart = probe.cpuSeconds()
            let holdStart = Date()
            try? await Task.sleep(for: .seconds(hold))
            if let a = cpuStart, let b = probe.cpuSeconds() {
                measured.cpu = (b - a) / Date().timeIntervalSince(holdStart) * 100
            }
            measured.after = probe.residentKiB()
            // Each connection closes itself once released (cancelling them would stop their reads
            // without closing them).
            release.open()
        }
        context.loadAverageEnd = MachineInfo.loadAverage()
        let counts = (connected: counter.opened, failed: counter.failed)
        var report = Report(
            server: common.server, connections: connections, opened: counts.connected, failed: counts.failed,
            connectSeconds: (measured.connectSeconds * 10).rounded() / 10, context: context)
        report.serverRssMibBefore = before.map { Double($0) / 1024 }
        report.serverRssMibAfter = measured.after.map { Double($0) / 1024 }
        if let b = before, let a = measured.after, counts.connected > 0 {
            report.serverKibPerConnection = (Double(a - b) / Double(counts.connected) * 10).rounded() / 10
        }
        report.serverCpuPercentIdle = measured.cpu.map { ($0 * 100).rounded() / 100 }
        report.clientRssMib = ProcessProbe(pid: getpid()).residentKiB().map { Double($0) / 1024 }
        let rss = { (v: Double?) in v.map { String(format: "%.1f MiB", $0) } ?? "?" }
        let table: [(String, String)] = [
            ("server", "\(report.server)  connections \(connections)  hold \(hold) s"),
            ("opened", "\(counts.connected) (\(counts.failed) failed) in \(report.connectSeconds) s"),
            ("server RSS", "\(rss(report.serverRssMibBefore)) -> \(rss(report.serverRssMibAfter))"),
            ("per connection", report.serverKibPerConnection.map { "\($0) KiB" } ?? "?"),
            ("server CPU idle", report.serverCpuPercentIdle.map { String(format: "%.2f%% of one core", $0) } ?? "?"),
            ("load tool RSS", rss(report.clientRssMib)),
            ("machine", "\(context.cores) cores, \(context.cpuModel), \(context.memoryGib) GiB"),
            ("load average", "\(context.loadAverageStart) -> \(context.loadAverageEnd)"),
            ("date", context.date),
        ]
        ReportWriter.emit(table: table, report: report, json: common.json)
    }

    /// One connection held open until released; false if it never opened.
    private static func holdConnection(
        address: ServerAddress, token: String, release: Gate, logger: Logger, opened: @escaping @Sendable () -> Void
    ) async -> Bool {
        let didOpen = Atomic<Bool>(false)
        var configuration = WebSocketClientConfiguration(
            maxFrameSize: 1 << 16, additionalHeaders: [.authorization: "Bearer \(token)"],
            closeTimeout: .seconds(2), sniHostname: address.sniHostname)
        configuration.ignoreUncleanSSLShutdownErrors = true
        _ = try? await WebSocketClient.connect(
            url: address.gatewayURL, configuration: configuration, tlsConfiguration: ServerAddress.tls, logger: logger
        ) { inbound, outbound, _ in
            didOpen.store(true, ordering: .relaxed)
            opened()
            // Reads (the client answers the server's pings) until released, then closes with the
            // closing handshake; without it the released connections sat silent until the server
            // cut them off as unresponsive.
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { for try await _ in inbound {} }
                await release.wait()
                try? await outbound.close(.normalClosure, reason: nil)
                try await group.waitForAll()
            }
        }
        return didOpen.load(ordering: .relaxed)
    }
}
