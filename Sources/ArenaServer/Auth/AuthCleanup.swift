import Foundation
import ServiceLifecycle

/// Keeps the auth tables from growing without bound: once at start and then hourly, drops refresh
/// tokens and revocation records that can no longer matter, and spent or expired reset tokens.
struct AuthCleanup: Service {
    static let interval: Duration = .seconds(3600)

    let context: ServerContext

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await pruneOnce()
                try? await Task.sleep(for: Self.interval)
            }
        }
    }

    func pruneOnce() async {
        // Anything older than one access-token lifetime can no longer back a valid access token.
        let cutoff = context.clock.now().addingTimeInterval(-TimeInterval(context.config.accessTokenSeconds))
        do {
            try await context.database.write { db in
                try SessionStore.prune(before: cutoff, db: db)
                try PasswordResetStore.prune(before: cutoff, db: db)
            }
        } catch {
            context.logger.error("auth cleanup failed", metadata: ["error": "\(error)"])
        }
    }
}
