import Synchronization

/// The games in memory, by id. The `GameService` actor decides what goes in and out (loading,
/// starting, evicting); anyone may look a game up without entering that actor, so a move goes
/// from the connection straight to its `LiveGame`: one actor hop per move instead of two.
final class LiveGameRegistry: Sendable {
    private let games = Mutex<[String: LiveGame]>([:])

    subscript(id: String) -> LiveGame? {
        get { games.withLock { $0[id] } }
        set { games.withLock { $0[id] = newValue } }
    }
}
