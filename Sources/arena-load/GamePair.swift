import Synchronization

/// What the two players of one game slot share inside the tool: when the last move was sent (so
/// the opponent can time its arrival) and which game each has joined (so nobody moves before the
/// opponent is in the room and would miss the update). It stands in for two humans watching the
/// same board; the server sees only their separate connections.
final class GamePair: Sendable {
    struct Pending {
        var version: Int
        var mover: Int
        var sentAt: UInt64
    }

    private let pending = Mutex<Pending?>(nil)
    private let joined = Mutex<[String?]>([nil, nil])
    /// When either player last saw the game change; a watchdog reports slots that stop moving.
    let lastProgress = Atomic<UInt64>(0)

    /// The mover records the version its move will make, just before sending it.
    func sent(version: Int, mover: Int, at time: UInt64) {
        pending.withLock { $0 = Pending(version: version, mover: mover, sentAt: time) }
    }

    /// The opponent asks when the move that made `version` was sent; each move is timed once, and
    /// only by the player who did not make it.
    func takeSentTime(version: Int, mover: Int) -> UInt64? {
        pending.withLock { p -> UInt64? in
            guard let current = p, current.version == version, current.mover == mover else { return nil }
            p = nil
            return current.sentAt
        }
    }

    func markJoined(seat: Int, game: String) {
        joined.withLock { $0[seat] = game }
    }

    func hasJoined(seat: Int, game: String) -> Bool {
        joined.withLock { $0[seat] == game }
    }

    /// The game the host last joined, for REST readers that fetch live games.
    var currentGame: String? { joined.withLock { $0[0] } }
}
