import ArenaClient
import ArenaKit
import Testing

@testable import ArenaTUI

@Suite struct LoginUpdateTests {
    func fresh() -> AppState { AppState(serverName: "localhost:5000", now: Fixture.epoch) }

    @Test func typingFillsTheFocusedFieldAndTabMoves() {
        var state = fresh()
        _ = Fixture.type(&state, "alice")
        _ = Fixture.send(&state, [.tab])
        _ = Fixture.type(&state, "secret-pass-1")
        #expect(state.loginScreen?.value(.username) == "alice")
        #expect(state.loginScreen?.value(.password) == "secret-pass-1")
        #expect(state.loginScreen?.focus == .field(.password))
    }

    @Test func enterOnTheLastFieldLogsIn() {
        var state = fresh()
        _ = Fixture.type(&state, "alice")
        _ = Fixture.send(&state, [.enter])
        _ = Fixture.type(&state, "pw")
        let effects = Fixture.send(&state, [.enter])
        #expect(effects == [.login(username: "alice", password: "pw")])
        #expect(state.loginScreen?.busy == true)
        // Keys do nothing while the request runs.
        #expect(Fixture.type(&state, "x").isEmpty)
        #expect(state.loginScreen?.value(.password) == "pw")
    }

    @Test func emptyFieldsAreCaughtBeforeARoundTrip() {
        var state = fresh()
        let effects = Fixture.send(&state, [.enter, .enter])
        #expect(effects.isEmpty)
        #expect(state.loginScreen?.fieldErrors[.username] == "Enter your username or email.")
        #expect(state.loginScreen?.focus == .field(.username))
    }

    @Test func successOpensTheLobbyAndConnects() {
        var state = fresh()
        _ = Fixture.type(&state, "alice")
        _ = Fixture.send(&state, [.tab])
        _ = Fixture.type(&state, "pw")
        _ = Fixture.send(&state, [.enter])
        let effects = state.apply(.response(.authenticated(.success(Fixture.alice))))
        #expect(effects == [.connectGateway, .loadLobby])
        #expect(state.user == Fixture.alice)
        #expect(state.connection == .connecting)
        #expect(state.lobbyScreen?.loading == true)
    }

    @Test func wrongPasswordIsShownAndClearsThePassword() {
        var state = fresh()
        _ = Fixture.type(&state, "alice")
        _ = Fixture.send(&state, [.tab])
        _ = Fixture.type(&state, "wrong")
        _ = Fixture.send(&state, [.enter])
        let error = ArenaClientError(status: 401, code: "invalid_credentials", message: "Wrong username or password.")
        _ = state.apply(.response(.authenticated(.failure(error))))
        let login = state.loginScreen
        #expect(login?.busy == false)
        #expect(login?.formError == "Wrong username or password.")
        #expect(login?.value(.password) == "")
        #expect(login?.focus == .field(.password))
    }

    @Test func registerValidatesLocallyThenShowsServerErrorsUnderTheField() {
        var state = fresh()
        _ = Fixture.send(&state, [.control("r")])
        #expect(state.loginScreen?.mode == .register)
        #expect(state.loginScreen?.focus == .field(.email))
        _ = Fixture.type(&state, "not-an-email")
        _ = Fixture.send(&state, [.tab])
        _ = Fixture.type(&state, "al")
        _ = Fixture.send(&state, [.tab])
        _ = Fixture.type(&state, "short")
        let none = Fixture.send(&state, [.tab, .tab, .enter])
        #expect(none.isEmpty)
        #expect(state.loginScreen?.fieldErrors[.email] == "Email address is not valid.")
        #expect(state.loginScreen?.fieldErrors[.username] == "Username must be 3 to 20 characters.")
        #expect(state.loginScreen?.fieldErrors[.password] == "Password must be 10 to 128 characters.")
        #expect(state.loginScreen?.focus == .field(.email))

        var login = LoginState(mode: .register)
        login.values = [.email: "a@example.org", .username: "alice", .password: "correct-horse-77"]
        login.focus = .submit
        state.screen = .login(login)
        let effects = Fixture.send(&state, [.enter])
        #expect(
            effects == [
                .register(email: "a@example.org", username: "alice", password: "correct-horse-77", fullName: nil)
            ])
        let taken = ArenaClientError(status: 409, code: "username_taken", message: "That username is taken.")
        _ = state.apply(.response(.authenticated(.failure(taken))))
        #expect(state.loginScreen?.fieldErrors[.username] == "That username is taken.")
        #expect(state.loginScreen?.focus == .field(.username))
    }

    @Test func escapeQuits() {
        var state = fresh()
        #expect(Fixture.send(&state, [.escape]) == [.quit])
        #expect(state.shouldQuit)
    }

    @Test func effectDescriptionsHidePasswords() {
        let effect = Effect.login(username: "alice", password: "hunter2hunter2")
        #expect(!effect.description.contains("hunter2"))
    }
}
