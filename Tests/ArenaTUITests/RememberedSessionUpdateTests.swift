import ArenaClient
import ArenaKit
import Foundation
import Testing

@testable import ArenaTUI

/// Start-up with a remembered session, and which actions forget it.
@Suite struct RememberedSessionUpdateTests {
    func resuming() -> (AppState, [Effect]) {
        var state = AppState(serverName: "localhost:5000", now: Fixture.epoch)
        let effects = state.resumeSession(username: "alice")
        return (state, effects)
    }

    @Test func startUpWaitsOnTheLoginScreenForTheRefresh() {
        let (state, effects) = resuming()
        #expect(effects == [.resumeSession])
        #expect(state.loginScreen?.busy == true)
        #expect(state.loginScreen?.value(.username) == "alice")
        var buffer = ScreenBuffer(width: 80, height: 24)
        render(state, into: &buffer)
        #expect(buffer.lines.contains { $0.contains("Resuming alice's session…") })
        // Busy: typing does nothing, Esc still quits.
        var typing = state
        #expect(typing.apply(.key(.character("x"))).isEmpty)
        #expect(typing.loginScreen?.value(.username) == "alice")
        #expect(typing.apply(.key(.escape)) == [.quit])
    }

    @Test func aTakenTokenGoesStraightToTheLobbyWithAWelcome() {
        var (state, _) = resuming()
        let effects = state.apply(.response(.resumed(.success(Fixture.alice))))
        #expect(effects == [.connectGateway, .loadLobby])
        #expect(state.user == Fixture.alice)
        #expect(state.lobbyScreen != nil)
        #expect(state.notice?.text == "Welcome back, alice.")
    }

    @Test func anEndedSessionShowsTheLoginWithANote() {
        var (state, _) = resuming()
        #expect(state.apply(.response(.resumed(.failure(.sessionExpired)))).isEmpty)
        #expect(state.user == nil)
        #expect(state.loginScreen?.busy == false)
        #expect(state.loginScreen?.formError == "Your saved session has ended: please log in.")
        #expect(state.loginScreen?.value(.username) == "alice")
        #expect(state.loginScreen?.focus == .field(.password))
        var buffer = ScreenBuffer(width: 80, height: 24)
        render(state, into: &buffer)
        #expect(buffer.lines.contains { $0.contains("Your saved session has ended: please log in.") })
    }

    @Test func anUnreachableServerSaysSoAndLetsThePlayerTryAgain() {
        var (state, _) = resuming()
        let unreachable = ArenaClientError(code: "unreachable", message: "Cannot reach the server.")
        _ = state.apply(.response(.resumed(.failure(unreachable))))
        #expect(state.loginScreen?.formError == "Cannot reach the server.")
        #expect(state.loginScreen?.busy == false)
    }

    @Test func quittingKeepsTheSessionAndOnlyLogOutForgetsIt() {
        var state = Fixture.loggedIn()
        let quit = state.apply(.key(.character("q")))
        #expect(quit.contains(.quit))
        #expect(!quit.contains(.logout) && !quit.contains(.logoutEverywhere))
        state = Fixture.loggedIn()
        _ = state.apply(.key(.character("p")))
        while case .profile(let profile) = state.screen, profile.focus != .logout { _ = state.apply(.key(.tab)) }
        #expect(state.apply(.key(.enter)) == [.logout])
        // The help overlay names the button, since no key logs out.
        #expect(state.keyHelp.contains { $0.keys == "Log out" })
    }

    @Test func plainModeSaysItIsResumingAndNarratesTheOutcome() {
        let (state, _) = resuming()
        var session = PlainSession(state: state)
        #expect(session.takeOutput().first?.contains("Resuming alice's session…") == true)
        _ = session.receive(.response(.resumed(.failure(.sessionExpired))))
        #expect(session.takeOutput().contains("Your saved session has ended: please log in."))

        var welcomed = PlainSession(state: resuming().0)
        _ = welcomed.takeOutput()
        _ = welcomed.receive(.response(.resumed(.success(Fixture.alice))))
        let lines = welcomed.takeOutput()
        #expect(lines.contains { $0.hasPrefix("Logged in as alice") })
        #expect(lines.contains("Welcome back, alice."))
    }
}
