import ArenaKit
import Foundation

/// Logins as fast as `workers` concurrent clients can make them, round-robin over the accounts:
/// each one is a full Argon2id verification on the server at its configured cost.
struct LoginStorm: Sendable {
    let rest: RestClient
    let usernames: [String]
    let password: String
    let workers: Int

    struct Result: Sendable, Encodable {
        var logins: Int
        var loginsPerSecond: Double
        var latency: LatencySummary
        /// 503 server_busy: the server's bounded Argon2 queue was full, by design.
        var busy: Int
        var errors: Int

        enum CodingKeys: String, CodingKey {
            case logins, latency, busy, errors
            case loginsPerSecond = "logins_per_second"
        }
    }

    func run(window: RunWindow, seconds: Double, until end: UInt64) async -> Result {
        let parts = await withTaskGroup(of: ([UInt32], Int, Int).self) { group in
            for worker in 0..<workers {
                group.addTask { await loop(worker: worker, window: window, until: end) }
            }
            var latencies: [UInt32] = []
            var busy = 0
            var errors = 0
            for await (l, b, e) in group {
                latencies += l
                busy += b
                errors += e
            }
            return (latencies, busy, errors)
        }
        return Result(
            logins: parts.0.count, loginsPerSecond: Double(parts.0.count) / seconds,
            latency: LatencySummary(microseconds: parts.0), busy: parts.1, errors: parts.2)
    }

    private func loop(worker: Int, window: RunWindow, until end: UInt64) async -> ([UInt32], Int, Int) {
        var latencies: [UInt32] = []
        var busy = 0
        var errors = 0
        var index = worker
        while Now.nanos() < end, !usernames.isEmpty {
            let username = usernames[index % usernames.count]
            index += workers
            let body = (try? WireCodec.encode(LoginRequest(username: username, password: password))) ?? Data()
            let start = Now.nanos()
            let status = (try? await rest.send(.POST, "/auth/login", json: body).status) ?? 0
            let finish = Now.nanos()
            guard window.contains(start), finish < end else { continue }
            switch status {
            case 200: latencies.append(UInt32(min((finish - start) / 1000, 0xFFFF_FFFF)))
            case 503: busy += 1
            default: errors += 1
            }
        }
        return (latencies, busy, errors)
    }
}
