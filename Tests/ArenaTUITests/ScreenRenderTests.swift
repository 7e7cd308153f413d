import ArenaKit
import Foundation
import Testing

@testable import ArenaTUI

/// Every screen rendered from a state into an 80x24 buffer and read back as rows of text.
@Suite struct ScreenRenderTests {
    func expectScreen(_ state: AppState, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = render(state).lines
        #expect(lines.count == expected.count, sourceLocation: sourceLocation)
        for (index, (actual, wanted)) in zip(lines, expected).enumerated() where actual != wanted {
            Issue.record(
                "row \(index):\n  got    \"\(actual)\"\n  wanted \"\(wanted)\"", sourceLocation: sourceLocation)
        }
        if lines != expected {
            // The whole screen as a literal, to compare by eye (or paste once it looks right).
            let literal = lines.map { "                \"\($0)\"," }.joined(separator: "\n")
            Issue.record("screen:\n\(literal)", sourceLocation: sourceLocation)
        }
    }

    @Test func login() {
        expectScreen(
            AppState(serverName: "localhost:5000", now: Fixture.epoch),
            [
                " TicTacToe Arena · Log in                                        localhost:5000",
                "",
                "                         T I C T A C T O E   A R E N A",
                "                             server localhost:5000",
                "",
                "            ┌─ Log in ─────────────────────────────────────────────┐",
                "            │                                                      │",
                "            │ Username                                             │",
                "            │                                                      │",
                "            │ Password                                             │",
                "            │                                                      │",
                "            │                                                      │",
                "            │         [ Log in ]    [ Create an account ]          │",
                "            │                                                      │",
                "            │                                                      │",
                "            │                                                      │",
                "            └──────────────────────────────────────────────────────┘",
                "",
                "",
                "",
                "",
                "",
                "",
                " Tab/↓ next field   Enter log in   Ctrl-R register instead   F1 help   Esc quit",
            ])
    }

    @Test func lobbyWithAllThreeSections() {
        expectScreen(
            LobbyFixture.state(),
            [
                " TicTacToe Arena · Lobby                                 alice (1200)  ● online",
                "  Welcome, alice. Rating 1200, 2W 1L 0D.        l leaders  f friends  p profile",
                " ┌─ Games ────────────────────────────────────────────┐┌─ Friends (f) ────────┐",
                " │ Your games                                         ││ ● bob           1216 │",
                " │ > vs bob                         your turn, move 3 ││                      │",
                " │ Invitations for you                                ││                      │",
                " │   carol invites you                Enter to accept ││                      │",
                " │ Open games                                         ││                      │",
                " │   dave's open game                   Enter to join ││                      │",
                " │ Live games (Enter to watch)                        ││                      │",
                " │   frank vs gina                             move 2 ││                      │",
                " │                                                    ││                      │",
                " │                                                    ││                      │",
                " │                                                    ││                      │",
                " │                                                    ││                      │",
                " │                                                    ││                      │",
                " │                                                    ││                      │",
                " │                                                    ││ 1 offline            │",
                " │                                                    ││ 1 request for you    │",
                " └────────────────────────────────────────────────────┘└──────────────────────┘",
                "",
                "",
                "",
                " Enter join   n new game   i invite   m matchmaking   b bot   ? help   q quit",
            ])
    }

    @Test func matchmaking() {
        var state = Fixture.loggedIn()
        var matchmaking = MatchmakingState(startedAt: Fixture.epoch.addingTimeInterval(-75))
        matchmaking.status = MatchmakingStatusDTO(
            status: .queued, eloRange: .init(min: 1100, max: 1300), playersQueued: 2)
        state.screen = .matchmaking(matchmaking)
        expectScreen(
            state,
            [
                " TicTacToe Arena · Matchmaking                           alice (1200)  ● online",
                "",
                "",
                "",
                "",
                "",
                "",
                "                 ┌─ Finding an opponent ──────────────────────┐",
                "                 │                                            │",
                "                 │  Waiting          1:15                     │",
                "                 │  Rating range     1100 to 1300             │",
                "                 │  In the queue     2                        │",
                "                 │                                            │",
                "                 │                                            │",
                "                 │                                            │",
                "                 │            Esc to stop looking             │",
                "                 └────────────────────────────────────────────┘",
                "",
                "",
                "",
                "",
                "",
                "",
                " Esc/q leave the queue   ? help",
            ])
    }

    @Test func gameInProgress() {
        expectScreen(
            Fixture.inGame(Fixture.game(board: ["X", "", "", "", "O", "", "", "", ""])),
            [
                " TicTacToe Arena · Game                                  alice (1200)  ● online",
                "    X alice 1200 (you)   vs   O bob 1216     ┌─ Chat (Tab) ────────────────────┐",
                "                Your move (X)                │ No messages yet.                │",
                "                                             │                                 │",
                "          ┌───────┬───────┬───────┐          │                                 │",
                "          │ ╲   ╱ │       │       │          │                                 │",
                "          │   ╳   │   2   │   3   │          │                                 │",
                "          │ ╱   ╲ │       │       │          │                                 │",
                "          ├───────┼───────┼───────┤          │                                 │",
                "          │       │ ╭───╮ │       │          │                                 │",
                "          │   4   │ │   │ │   6   │          │                                 │",
                "          │       │ ╰───╯ │       │          │                                 │",
                "          ├───────┼───────┼───────┤          │                                 │",
                "          │       │       │       │          │                                 │",
                "          │   7   │   8   │   9   │          │                                 │",
                "          │       │       │       │          │                                 │",
                "          └───────┴───────┴───────┘          │                                 │",
                "                                             │                                 │",
                "                                             │                                 │",
                "                                             ├─────────────────────────────────┤",
                "                                             │> Tab to chat                    │",
                "                                             └─────────────────────────────────┘",
                "",
                " 1-9 play square   Enter place   Tab chat   r resign   ? help   q leave",
            ])
    }

    @Test func gameWonWithRatingChangeAndARematchOffer() {
        var state = Fixture.inGame(
            Fixture.game(
                board: ["X", "X", "X", "", "O", "O", "", "", ""], status: .completed, current: nil, winner: "u-alice",
                version: 6, endReason: "win", winningLine: [0, 1, 2]))
        if var game = state.gameScreen {
            game.ratingAfter = 1216
            game.rematch = .offeredToMe(from: "bob")
            game.chat = [.init(from: "bob", text: "gg", mine: false, pending: false)]
            state.screen = .game(game)
        }
        expectScreen(
            state,
            [
                " TicTacToe Arena · Game                                  alice (1200)  ● online",
                "    X alice 1200 (you)   vs   O bob 1216     ┌─ Chat (Tab) ────────────────────┐",
                "                  You won!                   │ bob: gg                         │",
                "                                             │                                 │",
                "          ┌───────┬───────┬───────┐          │                                 │",
                "          │ ╲   ╱ │ ╲   ╱ │ ╲   ╱ │          │                                 │",
                "          │   ╳   │   ╳   │   ╳   │          │                                 │",
                "          │ ╱   ╲ │ ╱   ╲ │ ╱   ╲ │          │                                 │",
                "          ├───────┼───────┼───────┤          │                                 │",
                "          │       │ ╭───╮ │ ╭───╮ │          │                                 │",
                "          │   4   │ │   │ │ │   │ │          │                                 │",
                "          │       │ ╰───╯ │ ╰───╯ │          │                                 │",
                "          ├───────┼───────┼───────┤          │                                 │",
                "          │       │       │       │          │                                 │",
                "          │   7   │   8   │   9   │          │                                 │",
                "          │       │       │       │          │                                 │",
                "          └───────┴───────┴───────┘          │                                 │",
                "          Rating 1200 → 1216 (+16)           │                                 │",
                "  bob offers a rematch: m accept, n decline  │                                 │",
                "                                             ├─────────────────────────────────┤",
                "                                             │> Tab to chat                    │",
                "                                             └─────────────────────────────────┘",
                "",
                " Tab chat   m accept rematch   n decline   ? help   q lobby",
            ])
        let buffer = render(state)
        let origin = GameLayout(size: state.size).origin(ofSquare: 1)
        #expect(buffer[origin.x + 3, origin.y + 1].style.role == .win)
    }

    @Test func helpOverlayListsEveryKeyOfTheScreen() {
        var state = Fixture.loggedIn()
        state.showHelp = true
        expectScreen(
            state,
            [
                " TicTacToe Arena · Lobby                                 alice (1200)  ● online",
                "  Welcome, alice. Rating 1200, 2W 1L 0D.        l leaders  f friends  p profile",
                " ┌─ Games ────────────────────────────────────────────┐┌─ Friends (f) ────────┐",
                " │                  ┌─ Keys: Lobby ───────────────────────┐                   │",
                " │  No games waiting│ ↑↓/kj     select                    │                   │",
                " │                  │ Enter     join                      │                   │",
                " │  n  open a game a│ n         new game                  │                   │",
                " │  i  invite a play│ i         invite                    │                   │",
                " │  m  find an oppon│ m         matchmaking               │                   │",
                " │  b  play against │ b         bot                       │                   │",
                " │  l  leaderboards,│ w         watch a live game         │                   │",
                " │                  │ l         leaderboards              │                   │",
                " │                  │ f         friends                   │                   │",
                " │                  │ p         your profile, log out     │                   │",
                " │                  │ x         cancel your waiting game  │                   │",
                " │                  │ r/Ctrl-R  refresh                   │                   │",
                " │                  │ ?         help                      │                   │",
                " │                  │ q         quit                      │                   │",
                " │                  │                                     │                   │",
                " └──────────────────│       Press any key to close        │───────────────────┘",
                "                    └─────────────────────────────────────┘",
                "",
                "",
                " Enter join   n new game   i invite   m matchmaking   b bot   ? help   q quit",
            ])
    }
}
