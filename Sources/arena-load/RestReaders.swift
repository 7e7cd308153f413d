import NIOHTTP1

/// REST reads while games are played: `GET /leaderboard/global` and `GET /games/{id}` of a live
/// game, alternately, at a fixed total rate (or flat out), timed from send to the whole body read.
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
        var errors: Int
    }

    func run(window: RunWindow, until end: UInt64) async -> Result {
        let parts = await withTaskGroup(of: ([UInt32], [UInt32], Int).self) { group in
            for reader in 0..<readers {
                group.addTask { await loop(reader: reader, window: window, until: end) }
            }
            var board: [UInt32] = []
            var games: [UInt32] = []
            var errors = 0
            for await (b, g, e) in group {
                board += b
                games += g
                errors += e
            }
            return (board, games, errors)
        }
        return Result(
            leaderboard: LatencySummary(microseconds: parts.0), game: LatencySummary(microseconds: parts.1),
            errors: parts.2)
    }

    private func loop(reader: Int, window: RunWindow, until end: UInt64) async -> ([UInt32], [UInt32], Int) {
        var board: [UInt32] = []
        var games: [UInt32] = []
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
            let readBoard = count % 2 == 1
            let path: String
            if readBoard {
                path = "/leaderboard/global?limit=20"
            } else if let id = liveGame() {
                path = "/games/\(id)"
            } else {
                continue
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
            if readBoard { board.append(micros) } else { games.append(micros) }
        }
        return (board, games, errors)
    }
}
