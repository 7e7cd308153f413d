import Foundation
import Logging
import ServiceLifecycle

/// Housekeeping for the lobby: an open game or invitation that nobody joins within
/// `waiting_game_expiry_seconds` ends as `abandoned` with `end_reason` `expired`, so the lobby does
/// not fill with games whose creators left long ago. Checked every quarter of that time (at most a
/// minute apart), so a game outlives its limit by a quarter at most; the creator's room hears the
/// change like any other.
struct WaitingGameExpiry: Service {
    let games: GameService
    let context: ServerContext

    var interval: Duration {
        .milliseconds(min(60_000, max(500, context.config.waitingGameExpirySeconds * 250)))
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await expireOnce()
                try? await Task.sleep(for: interval)
            }
        }
    }

    func expireOnce() async {
        let age = TimeInterval(context.config.waitingGameExpirySeconds)
        do {
            let expired = try await games.expireWaitingGames(olderThan: age)
            if expired > 0 { context.logger.info("waiting games expired", metadata: ["count": "\(expired)"]) }
        } catch {
            context.logger.error("waiting game expiry failed", metadata: ["error": "\(error)"])
        }
    }
}
