import ServiceLifecycle

/// Runs a pairing round every second so waiting players' widening ranges meet, and stops with
/// the server on graceful shutdown.
struct MatchmakerService: Service {
    let matchmaker: Matchmaker

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                await matchmaker.pairWaitingPlayers()
            }
        }
    }
}
