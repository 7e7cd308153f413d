/// What one player saw during the timed window.
struct PlayerResult: Sendable {
    /// Moves this player made that the server confirmed: the mover's own `game_update` of the
    /// version its move made, which the server sends only after the SQLite commit.
    var moves = 0
    /// Move-to-opponent latencies of the opponent's moves, in microseconds.
    var latencies: [UInt32] = []
    var gamesFinished = 0
    var errors = ErrorTally()
}

/// One seat of a game slot: what it does with each server frame, without any I/O (its connection,
/// `PlayerConnection`, reads and writes). It answers every opponent move after the think time with
/// a random legal move, and when a game ends the host (seat 0) offers a rematch, which the guest
/// accepts, so the slot always has a live game.
struct Player {
    struct Setup: Sendable {
        var seat: Int
        var userID: String
        var token: String
        var firstGame: String
        var pair: GamePair
        var thinkMilliseconds: Int
        var seed: UInt64
    }

    /// What the player wants done next.
    enum Step {
        case send(String)
        /// Its turn in this game: call `move` after the think time.
        case think(GameView)
    }

    enum MoveDecision {
        case send(String)
        /// The opponent has not joined this game's room yet: ask again shortly.
        case waitForOpponent
        case none
    }

    let setup: Setup
    let window: RunWindow
    private var gameID: String
    /// The newest game version seen; -1 before the first snapshot of a game.
    private var version = -1
    /// The version this player's move in flight will make: `make_move` goes without an `id` (no
    /// ack), so the room's `game_update` of that version is its answer.
    private var movePending: Int?
    private var random: SplitMix64
    private(set) var result = PlayerResult()

    init(setup: Setup, window: RunWindow) {
        self.setup = setup
        self.window = window
        gameID = setup.firstGame
        random = SplitMix64(seed: setup.seed)
    }

    /// The first frame, once every player is connected.
    func start() -> Step { .send(Self.joinFrame(gameID)) }

    /// The connection ended; unless the run was stopping, that is an error.
    mutating func connectionEnded(byError: Bool) {
        guard !window.isStopping else { return }
        result.errors.add(byError ? "connection_error" : "connection_closed_by_server")
    }

    // MARK: frames

    mutating func handle(_ bytes: UnsafeBufferPointer<UInt8>, into steps: inout [Step]) {
        let frame = Frame(FrameScanner(bytes: bytes))
        switch frame.type {
        case "game_update":
            guard let game = frame.game, game.id == gameID, game.version > version else { return }
            if let pending = movePending, game.version >= pending {
                movePending = nil
                if window.contains(Now.nanos()) { result.moves += 1 }
            }
            if let sentAt = setup.pair.takeSentTime(version: game.version, mover: 1 - setup.seat) {
                let now = Now.nanos()
                if window.contains(now) { result.latencies.append(UInt32(min((now - sentAt) / 1000, 0xFFFF_FFFF))) }
            }
            apply(game, into: &steps)
        case "ack":
            guard let game = frame.game else { return }
            if frame.requestID == "j" { setup.pair.markJoined(seat: setup.seat, game: game.id) }
            if game.id == gameID, game.version > version { apply(game, into: &steps) }
        case "error":
            guard !window.isStopping else { return }
            result.errors.add(frame.errorCode ?? "error")
            movePending = nil
            // Whatever went wrong, a fresh snapshot puts this player back in step with the game.
            steps.append(.send(Self.joinFrame(gameID)))
        case "rematch_offered":
            guard setup.seat == 1, let old = frame.gameID, !window.isStopping else { return }
            steps.append(.send(#"{"type":"answer_rematch","data":{"game_id":"\#(old)","accept":true}}"#))
        case "rematch_started":
            guard let next = frame.newGameID else { return }
            let old = gameID
            gameID = next
            version = -1
            movePending = nil
            // Leaving the finished game's room keeps the server's room table from growing all run.
            steps.append(.send(#"{"type":"leave_game","data":{"game_id":"\#(old)"}}"#))
            steps.append(.send(Self.joinFrame(next)))
        default:
            return
        }
    }

    private mutating func apply(_ game: GameView, into steps: inout [Step]) {
        version = game.version
        setup.pair.lastProgress.store(Now.nanos(), ordering: .relaxed)
        switch game.status {
        case "active":
            if game.currentPlayerID == setup.userID { steps.append(.think(game)) }
        case "completed", "abandoned":
            if window.contains(Now.nanos()) && setup.seat == 0 { result.gamesFinished += 1 }
            guard setup.seat == 0, !window.isStopping else { return }
            steps.append(.send(#"{"type":"offer_rematch","data":{"game_id":"\#(game.id)"}}"#))
        default:
            return
        }
    }

    /// The move after thinking. The first move of a game must not race the opponent's join_game:
    /// it would miss the update.
    mutating func move(_ game: GameView) -> MoveDecision {
        guard !window.isStopping else { return .none }
        guard setup.pair.hasJoined(seat: 1 - setup.seat, game: game.id) else { return .waitForOpponent }
        let empty = game.board.indices.filter { game.board[$0] == 0 }
        guard !empty.isEmpty else { return .none }
        let position = empty[Int(random.next() % UInt64(empty.count))]
        movePending = game.version + 1
        setup.pair.sent(version: game.version + 1, mover: setup.seat, at: Now.nanos())
        return .send(#"{"type":"make_move","data":{"game_id":"\#(game.id)","position":\#(position)}}"#)
    }

    private static func joinFrame(_ game: String) -> String {
        #"{"type":"join_game","id":"j","data":{"game_id":"\#(game)"}}"#
    }
}

/// The fields of one server frame a player looks at.
private struct Frame {
    var type: String?
    var requestID: String?
    var game: GameView?
    var errorCode: String?
    var gameID: String?
    var newGameID: String?

    init(_ scanner: FrameScanner) {
        let all = 0..<scanner.bytes.count
        type = scanner.type()
        switch type {
        case "game_update":
            game = GameView(scanner)
        case "ack":
            game = GameView(scanner)
            // Keys come in no fixed order: the envelope's id is the one outside the game object.
            if let inner = scanner.gameRange() {
                requestID =
                    scanner.string(after: #""id":""#, in: 0..<inner.lowerBound)
                    ?? scanner.string(after: #""id":""#, in: inner.upperBound..<all.upperBound)
            } else {
                requestID = scanner.string(after: #""id":""#, in: all)
            }
        case "error":
            errorCode = scanner.string(after: #""code":""#, in: all)
        case "rematch_offered":
            gameID = scanner.string(after: #""game_id":""#, in: all)
        case "rematch_started":
            newGameID = scanner.string(after: #""new_game_id":""#, in: all)
        default:
            break
        }
    }
}

/// A small, fast, seedable generator: move choice needs no cryptographic randomness, and a seed
/// per player makes runs repeatable.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
