import ArenaClient
import ArenaKit
import Foundation
import Testing

@testable import ArenaTUI

/// The part-2 screens' update on key, click, timer and response sequences.
@Suite struct Part2UpdateTests {
    @Test func leaderboardOpensPagesAndJumpsAroundMe() {
        var state = Fixture.loggedIn()
        let pageSize = LeaderboardLayout(size: state.size).pageSize
        #expect(state.apply(.key(.character("l"))) == [.loadLeaderboard(.global, limit: pageSize, offset: 0)])
        let big = LeaderboardPageDTO(entries: Part2Fixture.page.entries, total: 40)
        _ = state.apply(.response(.leaderboardLoaded(.global, offset: 0, .success(big))))
        #expect(state.apply(.key(.pageDown)) == [.loadLeaderboard(.global, limit: pageSize, offset: pageSize)])
        // An answer to an older request is dropped.
        _ = state.apply(.response(.leaderboardLoaded(.global, offset: 0, .success(Part2Fixture.page))))
        #expect(state.leaderboardScreen?.total == 40)
        let radius = (pageSize - 1) / 2
        #expect(
            state.apply(.key(.character("a")))
                == [.loadLeaderboard(.around(userID: "u-alice", radius: radius), limit: pageSize, offset: 0)])
        let around = LeaderboardPageDTO(
            entries: [Part2Fixture.entry(11, "zed", 1240), Part2Fixture.entry(12, "alice", 1231)], total: 40)
        _ = state.apply(
            .response(.leaderboardLoaded(.around(userID: "u-alice", radius: radius), offset: 0, .success(around))))
        #expect(state.leaderboardScreen?.offset == 10)
        #expect(state.leaderboardScreen?.selectedEntry?.username == "alice")
        #expect(state.apply(.key(.pageUp)) == [.loadLeaderboard(.global, limit: pageSize, offset: 0)])
        #expect(state.apply(.key(.escape)) == [.loadLobby])
        #expect(state.lobbyScreen != nil)
    }

    @Test func notRankedYetIsSaidPlainly() {
        var state = Part2Fixture.leaderboard()
        let effects = state.apply(.key(.character("a")))
        guard case .loadLeaderboard(let board, _, _) = effects.first else {
            Issue.record("expected a load")
            return
        }
        let error = ArenaClientError(status: 404, code: "not_ranked", message: "x")
        _ = state.apply(.response(.leaderboardLoaded(board, offset: 0, .failure(error))))
        #expect(state.leaderboardScreen?.message == "You have no rated game yet: play one to get a rank.")
    }

    @Test func searchWaitsForAPauseInTyping() {
        var state = Part2Fixture.leaderboard()
        #expect(state.apply(.key(.character("s"))).isEmpty)
        #expect(state.isTyping)
        _ = Fixture.type(&state, "bo")
        // `q` and `?` are text on the search tab.
        _ = Fixture.type(&state, "q")
        _ = state.apply(.key(.backspace))
        #expect(state.leaderboardScreen?.query == "bo")
        #expect(state.nextWake() == Fixture.epoch.addingTimeInterval(LeaderboardState.searchDelay))
        #expect(state.apply(.tick(Fixture.epoch.addingTimeInterval(0.1))).isEmpty)
        let pageSize = LeaderboardLayout(size: state.size).pageSize
        #expect(
            state.apply(.tick(Fixture.epoch.addingTimeInterval(0.4)))
                == [.loadLeaderboard(.search("bo"), limit: pageSize, offset: 0)])
        #expect(state.apply(.tick(Fixture.epoch.addingTimeInterval(1))).isEmpty)
        #expect(state.apply(.key(.escape)) == [.loadLobby])
    }

    @Test func statsCardOpensOnEnterOrADoubleClickAndClosesOnEsc() {
        var state = Part2Fixture.leaderboard()
        #expect(state.apply(.key(.enter)) == [.loadStats(userID: "u-dave")])
        #expect(state.playerCard?.username == "dave")
        _ = state.apply(.response(.statsLoaded(userID: "u-bob", .success(Part2Fixture.stats))))
        #expect(state.playerCard?.stats == nil, "an answer for another player is ignored")
        _ = state.apply(.key(.escape))
        #expect(state.playerCard == nil)
        #expect(state.leaderboardScreen != nil)
        let row = LeaderboardLayout(size: state.size).firstRow + 3
        #expect(state.apply(.click(Point(x: 20, y: row))).isEmpty)
        #expect(state.apply(.click(Point(x: 20, y: row))) == [.loadStats(userID: "u-bob")])
        // Tabs are clickable too.
        var tabs = Part2Fixture.leaderboard()
        let effects = tabs.apply(.click(Point(x: 13, y: 1)))
        #expect(tabs.leaderboardScreen?.tab == .friends)
        #expect(effects.first.map { if case .loadLeaderboard(.friends, _, _) = $0 { true } else { false } } == true)
    }

    @Test func theFriendsListRefreshesItselfEveryTenSeconds() {
        var state = Fixture.loggedIn()
        _ = state.apply(.key(.character("f")))
        _ = state.apply(.tick(Fixture.epoch.addingTimeInterval(1)))
        _ = state.apply(.response(.friendsLoaded(.success(LobbyFixture.friends))))
        #expect(state.nextWake() == Fixture.epoch.addingTimeInterval(11))
        #expect(state.apply(.tick(Fixture.epoch.addingTimeInterval(6))).isEmpty)
        #expect(state.apply(.tick(Fixture.epoch.addingTimeInterval(11))) == [.loadFriends])
        // One request at a time: no second load while the first is on its way.
        #expect(state.apply(.tick(Fixture.epoch.addingTimeInterval(22))).isEmpty)
    }

    @Test func friendsAddAcceptDeclineRemoveAndWithdraw() {
        var state = Fixture.loggedIn()
        #expect(state.apply(.key(.character("f"))) == [.loadFriends])
        _ = state.apply(.response(.friendsLoaded(.success(LobbyFixture.friends))))
        // Rows: carol's request, bob (online), erin, dave (sent).
        #expect(state.apply(.key(.character("a"))) == [.friend(.accept("carol"))])
        #expect(state.apply(.response(.friendDone(.accept("carol"), .success(Done())))) == [.loadFriends])
        #expect(state.friendsScreen?.message == "You and carol are friends now.")
        #expect(state.apply(.key(.character("d"))) == [.friend(.decline("carol"))])
        _ = state.apply(.response(.friendDone(.decline("carol"), .success(Done()))))
        _ = state.apply(.key(.down))
        #expect(state.apply(.key(.character("x"))).isEmpty)
        #expect(state.friendsScreen?.confirmRemove == "bob")
        #expect(state.apply(.key(.character("y"))) == [.friend(.remove("bob"))])
        _ = state.apply(.key(.end))
        #expect(state.apply(.key(.delete)) == [.friend(.withdraw("dave"))])
        _ = state.apply(.response(.friendDone(.withdraw("dave"), .success(Done()))))
        _ = state.apply(.key(.character("+")))
        #expect(state.isTyping)
        _ = Fixture.type(&state, "alice")
        #expect(state.apply(.key(.enter)).isEmpty)
        #expect(state.friendsScreen?.message == "You cannot befriend yourself.")
        _ = state.apply(.key(.control("u")))
        _ = Fixture.type(&state, "frank")
        #expect(state.apply(.key(.enter)) == [.friend(.send("frank"))])
        let error = ArenaClientError(status: 404, code: "user_not_found", message: "No such user.")
        _ = state.apply(.response(.friendDone(.send("frank"), .failure(error))))
        #expect(state.friendsScreen?.message == "No such user.")
    }

    @Test func profileEditsPasswordChangeAndLogoutEverywhere() {
        var state = Fixture.loggedIn()
        #expect(state.apply(.key(.character("p"))) == [.loadProfile])
        var me = Fixture.alice
        me.email = "alice@example.com"
        _ = state.apply(.response(.profileLoaded(.success(me))))
        #expect(state.profileScreen?.value(.email) == "alice@example.com")
        #expect(state.isTyping)
        _ = Fixture.type(&state, "Alice L")
        #expect(
            state.apply(.key(.enter))
                == [.saveProfile(fullName: "Alice L", avatarURL: "", email: "alice@example.com")])
        me.fullName = "Alice L"
        _ = state.apply(.response(.profileSaved(.success(me))))
        #expect(state.user?.fullName == "Alice L")
        #expect(state.profileScreen?.message == "Profile saved.")
        // To the password fields: a short new password is caught before a round trip.
        for _ in 0..<4 { _ = state.apply(.key(.tab)) }
        _ = Fixture.type(&state, "old password 1")
        _ = state.apply(.key(.tab))
        _ = Fixture.type(&state, "short")
        #expect(state.apply(.key(.enter)).isEmpty)
        #expect(state.profileScreen?.fieldErrors[.newPassword] != nil)
        _ = state.apply(.key(.control("u")))
        _ = Fixture.type(&state, "a much better password")
        let effects = state.apply(.key(.enter))
        #expect(effects == [.changePassword(current: "old password 1", new: "a much better password")])
        #expect(!"\(effects)".contains("password 1"), "effects never print passwords")
        let wrong = ArenaClientError(status: 403, code: "wrong_password", message: "Wrong password.")
        _ = state.apply(.response(.passwordChanged(.failure(wrong))))
        #expect(state.profileScreen?.focus == .field(.currentPassword))
        #expect(state.profileScreen?.value(.currentPassword) == "")
        // Log out everywhere asks first.
        _ = state.apply(.key(.escape))
        _ = state.apply(.key(.character("p")))
        let layout = ProfileLayout(size: state.size)
        let button = layout.buttons[.logoutEverywhere] ?? 0..<1
        #expect(state.apply(.click(Point(x: button.lowerBound + 1, y: layout.logoutRow))).isEmpty)
        #expect(state.profileScreen?.confirmLogoutEverywhere == true)
        #expect(state.apply(.key(.character("y"))) == [.logoutEverywhere])
        _ = state.apply(.response(.loggedOut))
        #expect(state.user == nil)
        #expect(state.loginScreen?.info == "Logged out.")
    }

    @Test func watchingIsReadOnlyAndLeavesWithoutAsking() {
        var state = LobbyFixture.state()
        _ = state.apply(.key(.character("w")))
        #expect(state.lobbyScreen?.selectedEntry?.kind == .live)
        let effects = state.apply(.key(.character("w")))
        #expect(effects.contains(.loadChat(gameID: "g4")))
        #expect(effects.contains { if case .send(let e) = $0 { e.message == .joinGame(gameID: "g4") } else { false } })
        #expect(state.gameScreen?.spectating == true)
        #expect(state.screen.name == "Watching")
        #expect(state.apply(.key(.character("5"))).isEmpty)
        #expect(state.gameScreen?.message == "You are watching this game.")
        _ = state.apply(.key(.tab))
        #expect(state.gameScreen?.focus == .board)
        #expect(state.apply(.key(.character("r"))).isEmpty)
        #expect(state.gameScreen?.confirmation == nil)
        let leave = state.apply(.key(.character("q")))
        #expect(leave.last == .loadLobby)
        #expect(state.lobbyScreen != nil)
    }

    @Test func chatIsRestoredAfterAJoinAndAReconnect() {
        var state = Fixture.inGame(Fixture.game())
        _ = Fixture.send(&state, [.tab])
        _ = Fixture.type(&state, "still there?")
        _ = state.apply(.key(.enter))
        let effects = state.apply(.gateway(.connected))
        #expect(effects.contains(.loadChat(gameID: "g1")))
        _ = state.apply(
            .response(
                .chatLoaded(
                    gameID: "g1",
                    .success([Part2Fixture.chat("bob", "hi"), Part2Fixture.chat("alice", "hello")]))))
        let chat = state.gameScreen?.chat ?? []
        #expect(chat.map(\.text) == ["hi", "hello", "still there?"])
        #expect(chat.map(\.mine) == [false, true, true])
        #expect(chat.last?.pending == true)
    }

    @Test func keysComeFromTheBindingTable() {
        let (bindings, problems) = KeyBindings.from(config: [
            ("key.move_up", "w"), ("key.move_left", "a"), ("key.new_game", "c, Ctrl-N"), ("key.nope", "x"),
            ("key.resign", "Ctrl-"), ("theme", "dark"),
        ])
        #expect(problems == ["unknown action \"nope\"", "cannot read \"key.resign = Ctrl-\""])
        var state = Fixture.inGame(Fixture.game())
        state.bindings = bindings
        _ = Fixture.send(&state, [.character("w")])
        #expect(state.gameScreen?.cursor == 1)
        _ = Fixture.send(&state, [.character("k"), .character("a")])
        #expect(state.gameScreen?.cursor == 0, "k is no longer up; a is left")
        _ = Fixture.send(&state, [.down])
        #expect(state.gameScreen?.cursor == 3, "arrows stay bound")
        var lobby = Fixture.loggedIn()
        lobby.bindings = bindings
        #expect(lobby.apply(.key(.character("n"))).isEmpty)
        #expect(lobby.apply(.key(.control("n"))) == [.createGame(opponent: nil, bot: nil)])
        #expect(render(lobby).lines[23].contains("c/Ctrl-N new game"))
    }

    @Test func helpLineItemsAreButtons() {
        var state = Fixture.loggedIn()
        let items = HelpLineLayout.items(state.keyHelp, width: 80)
        guard let new = items.first(where: { $0.help.action == "new game" }) else {
            Issue.record("no new game item")
            return
        }
        #expect(state.apply(.click(Point(x: new.x + 1, y: 23))) == [.createGame(opponent: nil, bot: nil)])
        // The lobby's shortcuts at the top right are buttons too.
        var other = Fixture.loggedIn()
        let leaders = LobbyLayout(size: other.size).shortcutItems(bindings: other.bindings)[0]
        let effects = other.apply(.click(Point(x: leaders.2, y: 1)))
        #expect(other.leaderboardScreen != nil)
        #expect(effects.count == 1)
    }

    @Test func theMatchNoticeFades() {
        var state = Fixture.loggedIn()
        let match = MatchFoundDTO(gameID: "g1", opponent: Fixture.bob, mark: .x)
        _ = state.apply(.gateway(.message(.matchFound(match))))
        _ = state.apply(.gateway(.message(.gameUpdate(Fixture.game()))))
        #expect(render(state).text.contains("Match found: you play X against bob."))
        #expect(state.nextWake() == Fixture.epoch.addingTimeInterval(GameScreenState.matchNoticeDuration))
        _ = state.apply(.tick(Fixture.epoch.addingTimeInterval(7)))
        #expect(!render(state).text.contains("Match found"))
    }
}
