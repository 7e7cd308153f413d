import NIOHTTP1

/// REST reads while games are played: `GET /leaderboard/global`, `GET /games/{id}` of a live game
/// and `GET /health` in turn, at a fixed total rate (or flat out), timed from send to the whole
/// body read. /health has no database and no cache behind it: the floor of the HTTPS stack.
struct RestReaders: Sendable {
    let rest: RestClient
    let token: String
    let readers: Int
    /// Requests per second across all readers; 0 sends as fast as the replies come.
    let rate: Double
    let liveGame: @Sendable () -> String?

    struct Result: Sendable, Encodable {
        var leaderboard: LatencySummary
        var game: LatencySummary
        var health: LatencySummary
        var errors: Int
    }

    /// Latencies of leaderboard, game and health reads, and the count of failed reads.
    typealias Parts = ([UInt32], [UInt32], [UInt32], Int)

    func run(window: RunWindow, until end: UInt64) async -> Result {
        let parts = await withTaskGroup(of: Parts.self) { group in
            for reader in 0..<readers {
                group.addTask { await loop(reader: reader, window: window, until: end) }
            }
            var all: Parts = ([], [], [], 0)
            for await part in group {
                all.0 += part.0
                all.1 += part.1
                all.2 += part.2
                all.3 += part.3
            }
            return all
        }
        return Result(
            leaderboard: LatencySummary(microseconds: parts.0), game: LatencySummary(microseconds: parts.1),
            health: LatencySummary(microseconds: parts.2), errors: parts.3)
    }

    private func loop(reader: Int, window: RunWindow, until end: UInt64) async -> Parts {
        var board: [UInt32] = []
        var games: [UInt32] = []
        var health: [UInt32] = []
        var errors = 0
        let interval: UInt64 = rate > 0 ? UInt64(Double(readers) / rate * 1e9) : 0
        var next = Now.nanos() &+ interval * UInt64(reader) / UInt64(max(readers, 1))
        var count = 0
        while Now.nanos() < end {
            if interval > 0 {
                let now = Now.nanos()
                if next > now { try? await Task.sleep(for: .nanoseconds(Int64(next - now))) }
                next &+= interval
            }
            count += 1
            // Leaderboard, a live game, then /health (the HTTPS floor: no database, no cache).
            var kind = count % 3
            if kind == 1, liveGame() == nil { kind = 0 }
            let path: String
            switch kind {
            case 0: path = "/leaderboard/global?limit=20"
            case 1: path = "/games/\(liveGame() ?? "")"
            default: path = "/health"
            }
            let start = Now.nanos()
            let ok: Bool
            do {
                ok = try await rest.send(.GET, path, token: token).status == 200
            } catch {
                ok = false
            }
            let finish = Now.nanos()
            guard window.contains(start) else { continue }
            if !ok {
                errors += 1
                continue
            }
            let micros = UInt32(min((finish - start) / 1000, 0xFFFF_FFFF))
            switch kind {
            case 0: board.append(micros)
            case 1: games.append(micros)
            default: health.append(micros)
            }
        }
        return (board, games, health, errors)
    }
}
