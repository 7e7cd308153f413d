import ArenaKit
import Foundation
import Testing

@testable import ArenaTUI

@Suite struct ScreenDetailTests {
    @Test func registerFormMasksThePasswordAndShowsErrorsInline() {
        var state = AppState(serverName: "localhost:5000", now: Fixture.epoch)
        var login = LoginState(mode: .register)
        login.values = [.email: "a@b", .username: "alice", .password: "hunter22"]
        login.focus = .field(.password)
        login.fieldErrors[.password] = "Password must be 10 to 128 characters."
        login.formError = "The server is busy."
        state.screen = .login(login)
        let buffer = render(state)
        let text = buffer.text
        #expect(buffer.lines[0].hasPrefix(" TicTacToe Arena · Register"))
        #expect(text.contains("┌─ Create an account ─"))
        #expect(text.contains("Email       a@b"))
        #expect(text.contains("Password    ••••••••"))
        #expect(!text.contains("hunter22"))
        #expect(text.contains("Password must be 10 to 128 characters."))
        #expect(text.contains("optional"))
        #expect(text.contains("[ Register ]    [ I have an account ]"))
        #expect(text.contains("The server is busy."))
        // The terminal cursor sits after the last typed character of the focused field.
        let row = buffer.lines.firstIndex { $0.contains("Password    ") } ?? -1
        let layout = LoginLayout(size: state.size, login: login)
        #expect(layout.fieldRows[.password] == row)
        #expect(buffer.cursor == Point(x: layout.fieldX + 8, y: row))
    }

    @Test func theCountdownAndResultsKeepTheirPointBesideTheChat() {
        // A 20-character opponent at 80x24: the line above the board has 42 columns.
        var game = Fixture.game(current: "u-bob")
        game.player2Username = "bob_with_a_long_name"
        game.disconnectDeadline = Timestamp.string(Fixture.epoch.addingTimeInterval(58))
        var state = Fixture.inGame(game)
        if var screen = state.gameScreen {
            screen.opponent?.username = "bob_with_a_long_name"
            state.screen = .game(screen)
        }
        #expect(render(state).lines[2].contains("bob_with_a_long_name away: you win in 58s"))
        var shortName = state
        if var screen = shortName.gameScreen {
            screen.opponent?.username = "bob"
            shortName.screen = .game(screen)
        }
        #expect(render(shortName).lines[2].contains("bob disconnected: you win in 58s"))

        game.disconnectDeadline = nil
        game.status = .completed
        game.currentPlayerID = nil
        game.winnerID = "u-alice"
        game.endReason = "abandon"
        if var screen = state.gameScreen {
            screen.game = game
            state.screen = .game(screen)
        }
        #expect(render(state).lines[2].contains("You won! bob_with_a_long_name left."))
        // With room, the long forms.
        state.size = Size(width: 140, height: 40)
        #expect(render(state).lines[2].contains("You won! bob_with_a_long_name left the game."))
    }

    @Test func aLongChatMessageWrapsWithoutLosingWords() {
        var state = Fixture.inGame(Fixture.game())
        let text = "a fairly long message to see how the chat pane wraps text across lines in the narrow column"
        if var screen = state.gameScreen {
            screen.chat = [GameScreenState.ChatLine(from: "alice7", text: text, mine: false, pending: false)]
            state.screen = .game(screen)
        }
        let layout = GameLayout(size: state.size)
        let rows = render(state).lines[(layout.chat.y + 1)..<(layout.chat.maxY - 1)]
        let pane = rows.map { line in
            String(Array(line).dropFirst(layout.chat.x + 1).prefix(layout.chat.width - 2))
        }
        let shown = pane.joined(separator: " ")
        #expect(!shown.contains("…"))
        for word in text.split(separator: " ") { #expect(shown.contains(word), "\(word)") }
    }

    @Test func aDroppedConnectionIsShownAboveTheHelpLine() {
        var state = Fixture.inGame(Fixture.game())
        state.connection = .reconnecting(
            reason: "Cannot reach the server.", retryAt: Fixture.epoch.addingTimeInterval(3))
        let lines = render(state).lines
        #expect(lines[22] == "         Connection lost (Cannot reach the server.): reconnecting in 3s")
        #expect(lines[0].hasSuffix("alice (1200)  offline"))
    }

    @Test func asciiFallbackUsesNoBoxDrawingCharacters() {
        var state = Fixture.inGame(Fixture.game(board: ["X", "", "", "", "O", "", "", "", ""]))
        state.unicode = false
        let buffer = render(state)
        #expect(buffer.text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(buffer.lines[4] == "          +-------+-------+-------+          |                                 |")
        #expect(buffer.lines[5].hasPrefix("          | \\   / |       |       |"))
        #expect(buffer.lines[9].hasPrefix("          |       | .---. |       |"))
        #expect(buffer.lines[23].contains("arrows") == false)
    }

    @Test func narrowTerminalsPutTheChatBelowTheBoard() {
        var state = Fixture.inGame(Fixture.game())
        state.size = Size(width: 60, height: 30)
        let lines = render(state).lines
        #expect(lines[3] == "                 ┌───────┬───────┬───────┐")
        let chatTop = lines.firstIndex { $0.hasPrefix("┌─ Chat (Tab) ") } ?? 0
        #expect(chatTop > 16)
        #expect(lines[chatTop].count == 60)
    }

    @Test func chatFocusShowsTheDraftAndTheCursor() {
        var state = Fixture.inGame(Fixture.game())
        _ = Fixture.send(&state, [.tab])
        _ = Fixture.type(&state, "hello")
        let buffer = render(state)
        #expect(buffer.lines[1].hasSuffix("┌─ Chat (typing) ─────────────────┐"))
        #expect(buffer.lines[20] == "                                             │> hello                          │")
        #expect(buffer.cursor == Point(x: 53, y: 20))
        #expect(buffer.lines[23] == " Enter send   Tab/Esc back to the board")
    }

    @Test func waitingForAnOpponent() {
        let state = Fixture.inGame(Fixture.game(status: .waiting, current: nil, player2: false))
        let lines = render(state).lines
        #expect(lines[1] == "    X alice 1200 (you)   vs   O (waiting)    ┌─ Chat (Tab) ────────────────────┐")
        #expect(lines[2] == "      Waiting for an opponent to join…       │ No messages yet.                │")
    }

    @Test func theLobbyInvitePrompt() {
        var state = Fixture.loggedIn()
        _ = Fixture.send(&state, [.character("i")])
        _ = Fixture.type(&state, "bob")
        let buffer = render(state)
        #expect(buffer.lines[21] == "  Invite who? bob")
        #expect(buffer.cursor == Point(x: 17, y: 21))
        #expect(buffer.lines[23] == " Enter send the invite   Esc cancel")
    }

    @Test func userTextCannotMoveTheCursor() {
        var buffer = ScreenBuffer(width: 10, height: 1)
        buffer.put("a\u{1B}[2J漢b", x: 0, y: 0)
        // The escape becomes `?`; the wide character keeps its two columns, so two spaces are left.
        #expect(buffer.row(0) == "a?[2J漢b  ")
    }

    @Test func longTextIsClippedWithAnEllipsis() {
        var buffer = ScreenBuffer(width: 8, height: 1)
        buffer.put("abcdefghij", x: 0, y: 0)
        #expect(buffer.row(0) == "abcdefg…")
    }
}

@Suite struct ScreenBufferDiffTests {
    @Test func onlyChangedCellsAreFlushed() {
        var first = ScreenBuffer(width: 10, height: 2)
        first.put("hello", x: 0, y: 0)
        let everything = first.changes(since: nil)
        #expect(everything.map(\.text) == ["hello     ", "          "])
        var second = first
        second.put("J", x: 0, y: 0)
        second.put("!", x: 9, y: 1, style: .error)
        let changes = second.changes(since: first)
        #expect(
            changes == [
                .init(x: 0, y: 0, style: .text, text: "J"),
                .init(x: 9, y: 1, style: .error, text: "!"),
            ])
        #expect(second.changes(since: second).isEmpty)
    }

    @Test func aStyleChangeAloneIsFlushed() {
        var first = ScreenBuffer(width: 4, height: 1)
        first.put("ab", x: 0, y: 0)
        var second = first
        second.restyle(Rect(x: 0, y: 0, width: 2, height: 1), style: .selection)
        #expect(second.changes(since: first) == [.init(x: 0, y: 0, style: .selection, text: "ab")])
    }

    @Test func aResizeRedrawsEverything() {
        let small = ScreenBuffer(width: 2, height: 1)
        let large = ScreenBuffer(width: 3, height: 1)
        #expect(large.changes(since: small).count == 1)
    }
}

@Suite struct KeyDecoderTests {
    @Test func controlAndPrintableCharacters() {
        #expect(KeyDecoder.character(13) == .enter)
        #expect(KeyDecoder.character(10) == .enter)
        #expect(KeyDecoder.character(9) == .tab)
        #expect(KeyDecoder.character(27) == .escape)
        #expect(KeyDecoder.character(127) == .backspace)
        #expect(KeyDecoder.character(18) == .control("r"))
        #expect(KeyDecoder.character(0x61) == .character("a"))
        #expect(KeyDecoder.character(0xE9) == .character("é"))
    }
}

@Suite struct ThemeTests {
    @Test func parsesRolesColoursAndAttributes() {
        let theme = Theme(
            name: "t", parsing: "x = bright-red on black bold\nhelp = 7 on 4 reverse\nbogus = red\nwin = purple\n")
        #expect(theme.entry(for: .markX).foreground == .index(9))
        #expect(theme.entry(for: .markX).background == .index(0))
        #expect(theme.entry(for: .markX).bold)
        #expect(theme.entry(for: .help).reverse)
        #expect(theme.problems == ["unknown role \"bogus\"", "cannot read \"win = purple\""])
    }

    @Test func theShippedClassicFileMatchesTheBuiltIn() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes/classic")
        let theme = Theme(name: "classic", parsing: try String(contentsOf: file, encoding: .utf8))
        #expect(theme.problems.isEmpty)
        #expect(theme.entries == Theme.classic.entries)
        #expect(Set(theme.entries.keys) == Set(Role.allCases))
    }
}
