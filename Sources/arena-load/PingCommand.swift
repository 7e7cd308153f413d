import ArgumentParser
import Foundation
import NIOCore
import NIOSSL

/// The floor under every move: C authenticated gateway connections bounce WebSocket pings off the
/// server as fast as it answers. The server answers pings on its event loop without any of the
/// game's work, so the CPU a round trip takes on each side is what one frame each way costs in TLS,
/// WebSocket framing, NIO and the kernel; a move in the contract's protocol needs several of them.
struct PingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ping",
        abstract: "Bounce pings over C gateway connections; report round trips/s and CPU per round trip on both ends.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Connections, each with one ping in flight.")
    var connections: Int = 400

    @Option(help: "Length of the timed window in seconds.")
    var duration: Double = 10

    @Option(help: "Ping payload bytes (a control frame holds at most 125).")
    var payload: Int = 125

    @Option(help: "Accounts to spread the connections over (a player may have several connections).")
    var accounts: Int = 20

    @Option(name: .customLong("connect-concurrency"), help: "TLS handshakes in flight while connecting.")
    var connectConcurrency: Int = 32

    func validate() throws {
        guard connections > 0, duration > 0, accounts > 0, connectConcurrency > 0 else {
            throw ValidationError("--connections, --duration, --accounts and --connect-concurrency must be positive")
        }
        guard (0...125).contains(payload) else { throw ValidationError("--payload must be 0 to 125 bytes") }
    }

    struct Report: Encodable {
        var mode = "ping"
        var server: String
        var connections: Int
        var opened: Int
        var durationS: Double
        var roundTrips: Int
        var roundTripsPerSecond: Double
        var latencyMs: LatencySummary
        var failedConnections: Int
        var serverUsage: ServerSampler.Usage
        var clientCpuPercent: Double
        /// CPU microseconds per round trip, from each side's CPU time over the window.
        var serverCpuUsPerRoundTrip: Double?
        var clientCpuUsPerRoundTrip: Double?
        var context: RunContext
    }

    func run() async throws {
        MachineInfo.raiseOpenFiles()
        let address = try common.address()
        var context = RunContext.now()
        let sessions = try await common.sessions(at: address, count: min(accounts, connections))
        let tls = try NIOSSLContext(configuration: ServerAddress.tls)
        let window = RunWindow()
        let gate = Gate()
        let counter = ConnectionCounter()
        let probe = common.probe(for: address)
        let body = ByteBuffer(repeating: UInt8(ascii: "p"), count: payload)
        let seconds = duration

        let (results, usage, clientCPU) = await withTaskGroup(of: PingResult.self) { group in
            for index in 0..<connections {
                await counter.waitForRoom(launched: index, limit: connectConcurrency)
                let token = sessions[index % sessions.count].token
                group.addTask {
                    await Self.bounce(
                        address: address, tls: tls, token: token, payload: body, window: window, gate: gate,
                        connected: { counter.record(opened: $0) })
                }
            }
            await counter.waitForAll(connections)
            Log.progress("\(counter.opened) connections open (\(counter.failed) failed)")
            gate.open()
            try? await Task.sleep(for: .seconds(1))
            let start = Now.nanos()
            let end = start &+ UInt64(seconds * 1e9)
            window.open(at: start, seconds: seconds)
            let cpuStart = MachineInfo.selfCPUSeconds()
            let usage = await ServerSampler(probe: probe).sample(until: end)
            let clientCPU = (MachineInfo.selfCPUSeconds() - cpuStart) / seconds * 100
            window.stop()
            try? await Task.sleep(for: .milliseconds(300))
            group.cancelAll()
            var results: [PingResult] = []
            for await result in group { results.append(result) }
            return (results, usage, clientCPU)
        }

        context.loadAverageEnd = MachineInfo.loadAverage()
        let roundTrips = results.reduce(0) { $0 + $1.roundTrips }
        let perSecond = Double(roundTrips) / duration
        func microsPerRoundTrip(_ percent: Double?) -> Double? {
            guard let percent, roundTrips > 0 else { return nil }
            return (percent / 100 * 1e6 / perSecond * 10).rounded() / 10
        }
        let report = Report(
            server: common.server, connections: connections, opened: counter.opened, durationS: duration,
            roundTrips: roundTrips, roundTripsPerSecond: perSecond.rounded(),
            latencyMs: LatencySummary(microseconds: results.flatMap(\.latencies)),
            // A connection that never opened reports itself failed too.
            failedConnections: results.filter(\.failed).count, serverUsage: usage,
            clientCpuPercent: clientCPU.rounded(), serverCpuUsPerRoundTrip: microsPerRoundTrip(usage.cpuPercent),
            clientCpuUsPerRoundTrip: microsPerRoundTrip(clientCPU), context: context)
        let us = { (v: Double?) in v.map { String(format: "%.1f us", $0) } ?? "?" }
        let table: [(String, String)] = [
            ("server", "\(report.server)  connections \(connections)  payload \(payload) B  window \(duration) s"),
            ("round trips", "\(roundTrips)  (\(Int(report.roundTripsPerSecond))/s)"),
            ("ping-to-pong", ReportWriter.ms(report.latencyMs)),
            ("failed", "\(report.failedConnections)"),
            ("server usage", ReportWriter.usage(usage)),
            ("load tool CPU", String(format: "%.0f%% of one core", report.clientCpuPercent)),
            (
                "CPU per round trip",
                "server \(us(report.serverCpuUsPerRoundTrip)), tool \(us(report.clientCpuUsPerRoundTrip))"
            ),
            ("machine", "\(context.cores) cores, \(context.cpuModel), \(context.memoryGib) GiB"),
            ("load average", "\(context.loadAverageStart) -> \(context.loadAverageEnd)"),
            ("date", context.date),
        ]
        ReportWriter.emit(table: table, report: report, json: common.json)
    }

    /// One connection: open, wait for the others, ping until the window closes and the task is
    /// cancelled.
    private static func bounce(
        address: ServerAddress, tls: NIOSSLContext, token: String, payload: ByteBuffer, window: RunWindow,
        gate: Gate, connected: @escaping @Sendable (Bool) -> Void
    ) async -> PingResult {
        let channel: any Channel
        let finished: EventLoopFuture<PingResult>
        do {
            (channel, finished) = try await GatewayDialer.connect(address: address, tls: tls, token: token) {
                channel in
                let done = channel.eventLoop.makePromise(of: PingResult.self)
                try channel.pipeline.syncOperations.addHandler(
                    PingHandler(payload: payload, window: window, done: done))
                return done.futureResult
            }
        } catch {
            connected(false)
            return PingResult(failed: true)
        }
        connected(true)
        await gate.wait()
        channel.pipeline.fireUserInboundEventTriggered(PingHandler.Start())
        return await withTaskCancellationHandler {
            (try? await finished.get()) ?? PingResult(failed: true)
        } onCancel: {
            channel.close(promise: nil)
        }
    }
}
