import ArenaKit
import Foundation
import Logging
import Synchronization

/// What a live game needs from the outside, gathered so each `LiveGame` holds one small value.
struct GameDependencies: Sendable {
    let store: GameStore
    let hub: RealtimeHub
    let logger: Logger
    let clock: any NowProvider
    let graceSeconds: Double
    let botDelay: Duration
    /// How long a rematch offer waits for an answer.
    let rematchOfferLifetime: Duration
    let listeners: GameListeners

    func now() -> String { Timestamp.string(clock.now()) }

    func announce(_ game: FinishedGame) async {
        for listener in listeners.all { await listener.gameFinished(game) }
    }
}

/// The services told about finished games; registered while the service graph is built.
final class GameListeners: Sendable {
    private let listeners = Mutex<[any GameResultListener]>([])

    func add(_ listener: any GameResultListener) { listeners.withLock { $0.append(listener) } }
    var all: [any GameResultListener] { listeners.withLock { $0 } }
}
