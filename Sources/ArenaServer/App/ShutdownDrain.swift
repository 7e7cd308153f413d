import Logging
import ServiceLifecycle

/// The last service to stop at a graceful shutdown (it is first in the service list, and
/// ServiceLifecycle stops services in reverse): by then the listener has stopped accepting, HTTP
/// requests have finished and every gateway client has been told `server_shutdown` and closed. It
/// then waits until every game write still queued is committed, so the process exits with
/// nothing acknowledged or in flight left behind.
struct ShutdownDrain: Service {
    let games: GameService
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        do {
            try await games.flushWrites()
            logger.notice("shutdown: every queued write is committed")
        } catch {
            logger.error("shutdown: queued writes could not be committed", metadata: ["error": "\(error)"])
        }
    }
}
