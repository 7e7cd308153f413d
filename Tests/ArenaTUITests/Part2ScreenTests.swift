import ArenaClient
import ArenaKit
import Foundation
import Testing

@testable import ArenaTUI

/// The part-2 screens rendered from states into an 80x24 buffer and read back as rows of text.
@Suite struct Part2ScreenTests {
    func expectScreen(_ state: AppState, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        ScreenRenderTests().expectScreen(state, expected, sourceLocation: sourceLocation)
    }

    @Test func globalLeaderboardHighlightsYourRow() {
        var state = Part2Fixture.leaderboard()
        _ = state.apply(.key(.down))
        expectScreen(
            state,
            [
                " TicTacToe Arena · Leaderboard                           alice (1200)  ● online",
                "  [Global]  Friends   Search",
                " ┌─ Global leaderboard · 1-4 of 4 ────────────────────────────────────────────┐",
                " │  Rank    Player                          Rating      Games           W-L-D │",
                " │  #1      dave                              1262          4           4-0-0 │",
                " │> #2      alice (you)                       1231          4           3-1-0 │",
                " │  #3      carol                             1219          2           1-1-0 │",
                " │  #4      bob                               1180          2           0-2-0 │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " └────────────────────────────────────────────────────────────────────────────┘",
                "",
                "",
                " Enter stats   Tab next board   PgDn/] page   a around me   s search   ? help",
            ])
        let buffer = render(state)
        // Your own row stands out even when another row is selected.
        var other = state
        _ = other.apply(.key(.down))
        let row = LeaderboardLayout(size: state.size).firstRow + 1
        #expect(render(other)[12, row].style.role == .accent)
        #expect(buffer[12, row].style.role == .selection)
    }

    @Test func searchTabShowsTheTypedText() {
        var state = Part2Fixture.leaderboard()
        _ = state.apply(.key(.character("s")))
        _ = state.apply(.key(.character("b")))
        _ = state.apply(.tick(Fixture.epoch.addingTimeInterval(1)))
        let result = LeaderboardPageDTO(entries: [Part2Fixture.entry(1, "bob", 1180)], total: 1)
        _ = state.apply(.response(.leaderboardLoaded(.search("b"), offset: 0, .success(result))))
        expectScreen(
            state,
            [
                " TicTacToe Arena · Leaderboard                           alice (1200)  ● online",
                "   Global   Friends  [Search]   Name starts with: b",
                " ┌─ Search leaderboard · 1-1 of 1 ────────────────────────────────────────────┐",
                " │  Rank    Player                          Rating      Games           W-L-D │",
                " │> #1      bob                               1180          2           1-1-0 │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " └────────────────────────────────────────────────────────────────────────────┘",
                "",
                "",
                " Enter stats   Tab next board   type a name   Esc lobby",
            ])
    }

    @Test func statsCardWithSparklineAndRecentGames() {
        var state = Part2Fixture.leaderboard()
        _ = state.apply(.key(.end))
        _ = state.apply(.key(.enter))
        _ = state.apply(.response(.statsLoaded(userID: "u-bob", .success(Part2Fixture.stats))))
        expectScreen(
            state,
            [
                " TicTacToe Arena · Leaderboard                           alice (1200)  ● online",
                "  [Global]  Friends   Search",
                " ┌─ Global leaderboard · 1-4 of 4 ────────────────────────────────────────────┐",
                " │  Rank    Player                          Rating      Games           W-L-D │",
                " │  #1      dave                              1262          4           4-0-0 │",
                " │  #2  ┌─ bob ────────────────────────────────────────────────────────┐3-1-0 │",
                " │  #3  │ Rating 1180 (provisional), rank #4                           │1-1-0 │",
                " │> #4  │ Record 1W 3L 0D in 4 games, win rate 25%                     │0-2-0 │",
                " │      │ Best winning streak: 1                                       │      │",
                " │      │ Rating trend █▂█▁ 1180-1200                                  │      │",
                " │      │                                                              │      │",
                " │      │ Recent games                                                 │      │",
                " │      │ loss vs alice                  1200 → 1180 (-20)  2027-01-18 │      │",
                " │      │ win  vs carol                  1185 → 1200 (+15)  2027-01-17 │      │",
                " │      │ loss vs dave                   1200 → 1185 (-15)  2027-01-16 │      │",
                " │      │                                                              │      │",
                " │      │                         Esc to close                         │      │",
                " │      └──────────────────────────────────────────────────────────────┘      │",
                " │                                                                            │",
                " │                                                                            │",
                " └────────────────────────────────────────────────────────────────────────────┘",
                "",
                "",
                " Esc close the card",
            ])
    }

    @Test func friendsScreenListsRequestsAndFriends() {
        var state = Fixture.loggedIn()
        _ = state.apply(.key(.character("f")))
        _ = state.apply(.response(.friendsLoaded(.success(LobbyFixture.friends))))
        expectScreen(
            state,
            [
                " TicTacToe Arena · Friends                               alice (1200)  ● online",
                "  2 friends, 1 online. Requests: 1 for you, 1 sent.",
                " ┌─ Friends ──────────────────────────────────────────────────────────────────┐",
                " │ Requests for you                                                           │",
                " │ > carol wants to be friends                            a accept  d decline │",
                " │ Friends                                                                    │",
                " │   ● bob                                                       1216  online │",
                " │   ○ erin                                                     1200  offline │",
                " │ Requests you sent                                                          │",
                " │   dave (waiting for an answer)                              x/Del withdraw │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " │                                                                            │",
                " └────────────────────────────────────────────────────────────────────────────┘",
                "",
                "",
                "",
                " +/s add   a accept   d decline   x/Del remove/withdraw   Esc/q lobby",
            ])
    }

    @Test func profileFormMasksPasswords() {
        var state = Fixture.loggedIn()
        _ = state.apply(.key(.character("p")))
        var me = Fixture.alice
        me.email = "alice@example.com"
        me.fullName = "Alice Liddell"
        _ = state.apply(.response(.profileLoaded(.success(me))))
        for _ in 0..<4 { _ = state.apply(.key(.tab)) }
        _ = Fixture.type(&state, "secret")
        expectScreen(
            state,
            [
                " TicTacToe Arena · Profile                               alice (1200)  ● online",
                "     ┌─ Your profile ─────────────────────────────────────────────────────┐",
                "     │  alice · player · rating 1200 · 3 games · since 2027-01-15         │",
                "     │                                                                    │",
                "     │  Full name   Alice Liddell                                         │",
                "     │                                                                    │",
                "     │  Avatar URL                                                        │",
                "     │                                                                    │",
                "     │  Email       alice@example.com                                     │",
                "     │              [ Save ]                                              │",
                "     ├─ Change password ──────────────────────────────────────────────────┤",
                "     │  Current     ••••••                                                │",
                "     │                                                                    │",
                "     │  New                                                               │",
                "     │              [ Change password ]                                   │",
                "     ├────────────────────────────────────────────────────────────────────┤",
                "     │  [ Log out ]   [ Log out everywhere ]   [ SSH keys ]               │",
                "     │                                                                    │",
                "     │                                                                    │",
                "     └────────────────────────────────────────────────────────────────────┘",
                "",
                "",
                "",
                " Tab/↓ next   Enter save / press   F1 help   Esc lobby",
            ])
    }

    @Test func watchingALiveGame() {
        var state = Fixture.loggedIn()
        _ = state.openGame("g8", game: Part2Fixture.carolGame(), spectating: true)
        _ = state.apply(.response(.chatLoaded(gameID: "g8", .success([Part2Fixture.chat("carol", "gl", game: "g8")]))))
        expectScreen(
            state,
            [
                " TicTacToe Arena · Watching                              alice (1200)  ● online",
                "       X carol 1219   vs   O dave 1262       ┌─ Chat (read-only) ──────────────┐",
                "         Watching: dave (O) to move          │ carol: gl                       │",
                "                                             │                                 │",
                "          ┌───────┬───────┬───────┐          │                                 │",
                "          │       │       │       │          │                                 │",
                "          │   1   │   2   │   3   │          │                                 │",
                "          │       │       │       │          │                                 │",
                "          ├───────┼───────┼───────┤          │                                 │",
                "          │       │ ╲   ╱ │       │          │                                 │",
                "          │   4   │   ╳   │   6   │          │                                 │",
                "          │       │ ╱   ╲ │       │          │                                 │",
                "          ├───────┼───────┼───────┤          │                                 │",
                "          │       │       │       │          │                                 │",
                "          │   7   │   8   │   9   │          │                                 │",
                "          │       │       │       │          │                                 │",
                "          └───────┴───────┴───────┘          │                                 │",
                "       Watching (read-only) · q: lobby       │                                 │",
                "                                             │                                 │",
                "                                             ├─────────────────────────────────┤",
                "                                             │ Only the players can chat.      │",
                "                                             └─────────────────────────────────┘",
                "",
                " ? help   Esc/q stop watching",
            ])
    }

    @Test func theFinishedGameShowsRatingsFromTheGame() {
        // bob was 1216 when fetched before the end; the finished game says 1196.
        let dto = GameDTO(
            id: "g1", player1ID: "u-alice", player2ID: "u-bob", currentPlayerID: nil, winnerID: "u-alice",
            board: ["X", "X", "X", "O", "O", "", "", "", ""], status: .completed, movesCount: 5, startedAt: nil,
            endedAt: nil, createdAt: "2027-01-15T08:00:00Z", updatedAt: "2027-01-15T08:00:00Z",
            player1Username: "alice", player2Username: "bob", version: 6, endReason: "win", winningLine: [0, 1, 2],
            player1Rating: 1220, player2Rating: 1196, player1RatingChange: 20, player2RatingChange: -20)
        let state = Fixture.inGame(dto)
        let lines = render(state).lines
        #expect(lines[1].contains("X alice 1220 (you)   vs   O bob 1196"), "\(lines[1])")
        #expect(lines.contains { $0.contains("Rating 1200 → 1220 (+20)") })
    }

    @Test func theBoardGrowsWithTheTerminal() {
        var state = Fixture.inGame(Fixture.game(board: ["X", "", "", "", "O", "", "", "", ""]))
        #expect(GameLayout(size: state.size).squareWidth == 7)
        state.size = Size(width: 100, height: 32)
        #expect(GameLayout(size: state.size).squareWidth == 11)
        state.size = Size(width: 140, height: 44)
        let layout = GameLayout(size: state.size)
        #expect(layout.squareWidth == 19 && layout.squareHeight == 9)
        let buffer = render(state)
        let x = layout.origin(ofSquare: 0)
        let o = layout.origin(ofSquare: 4)
        // X's centre is the crossing, O's centre is empty inside its frame.
        #expect(buffer[x.x + 9, x.y + 4].character == "╳")
        #expect(buffer[o.x + 9, o.y + 4].character == " ")
        #expect(buffer[o.x + 2, o.y + 1].character == "╭")
        // A click in the middle of a big square still finds it.
        #expect(layout.square(at: Point(x: o.x + 9, y: o.y + 4)) == 4)
    }

    @Test func markArtKeepsTheClassicShapesAtTheSmallestSize() {
        #expect(MarkArt.lines(.x, width: 7, height: 3, unicode: true) == [" ╲   ╱ ", "   ╳   ", " ╱   ╲ "])
        #expect(MarkArt.lines(.o, width: 7, height: 3, unicode: true) == [" ╭───╮ ", " │   │ ", " ╰───╯ "])
        #expect(MarkArt.lines(.x, width: 7, height: 3, unicode: false) == [" \\   / ", "   X   ", " /   \\ "])
        #expect(MarkArt.lines(.o, width: 7, height: 3, unicode: false) == [" .---. ", " |   | ", " '---' "])
    }

    @Test func sparklineScalesBetweenLowAndHigh() {
        #expect(Sparkline.render([1200, 1185, 1200, 1180], unicode: true) == "█▂█▁")
        #expect(Sparkline.render([1200, 1200], unicode: true) == "▄▄")
        #expect(Sparkline.render([1, 2], unicode: false) == "_#")
        #expect(Sparkline.render([], unicode: true) == "")
        var card = PlayerCardState(userID: "u-bob", username: "bob")
        card.stats = Part2Fixture.stats
        #expect(card.ratingHistory == [1200, 1185, 1200, 1180])
    }

    @Test func everyShippedThemeReadsCleanlyAndCoversEveryRole() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes")
        for name in ["classic", "dark", "light", "high-contrast", "mono"] {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let theme = Theme(name: name, parsing: text)
            #expect(theme.problems.isEmpty, "\(name): \(theme.problems)")
            #expect(Set(theme.entries.keys) == Set(Role.allCases), "\(name) misses roles")
        }
        let mono = Theme(
            name: "mono", parsing: try String(contentsOf: folder.appendingPathComponent("mono"), encoding: .utf8))
        #expect(mono.entries.values.allSatisfy { !$0.usesColor })
        for role in Role.allCases { #expect(mono.entry(for: role) == Theme.monochrome.entry(for: role), "\(role)") }
    }

    @Test func theTitleSaysWhenItIsYourMove() {
        var state = Fixture.inGame(Fixture.game(current: "u-alice"))
        #expect(state.terminalTitle == "Your move – TicTacToe Arena")
        state = Fixture.inGame(Fixture.game(current: "u-bob"))
        #expect(state.terminalTitle == "Their move – TicTacToe Arena")
        #expect(Fixture.loggedIn().terminalTitle == "Lobby – TicTacToe Arena")
    }
}
