import ArenaClient
import ArenaKit
import Foundation
import Testing

@testable import ArenaTUI

/// The profile's ssh keys panel: open, paste and link, errors, remove after asking, and the screen.
@Suite struct ProfileSSHKeysTests {
    static let laptop = SSHKeyDTO(
        id: "k1", fingerprint: "SHA256:WIb5AhPRbfQ1qr4V191er+9HUCpm7wpPwHUklBT1OjE", comment: "alice@laptop",
        createdAt: "2027-01-16T09:00:00.000Z")
    static let line = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJLl7ptZGQJ6OILq alice@laptop"

    /// Alice on her profile with the keys panel open (the button is the last in the focus order).
    func panelOpen() -> AppState {
        var state = Fixture.loggedIn()
        _ = state.apply(.key(.character("p")))
        _ = state.apply(.response(.profileLoaded(.success(Fixture.alice))))
        #expect(state.apply(.key(.backTab)) == [])
        #expect(state.profileScreen?.focus == .sshKeys)
        #expect(state.apply(.key(.enter)) == [.loadSSHKeys])
        return state
    }

    @Test func pastingAKeyLinksItAndTheListShowsIt() {
        var state = panelOpen()
        #expect(state.isTyping)
        _ = state.apply(.response(.sshKeysLoaded(.success([]))))
        #expect(state.apply(.key(.enter)) == [], "an empty field links nothing")
        #expect(state.profileScreen?.sshKeys?.messageIsError == true)
        _ = Fixture.type(&state, Self.line + "\n")
        #expect(state.profileScreen?.sshKeys?.draft == Self.line + "\n")
        #expect(state.apply(.key(.enter)) == [.linkSSHKey(Self.line)])
        #expect(state.profileScreen?.sshKeys?.busy == true)
        #expect(state.apply(.key(.character("x"))) == [], "keys wait while linking")
        _ = state.apply(.response(.sshKeyLinked(.success(Self.laptop))))
        let panel = state.profileScreen?.sshKeys
        #expect(panel?.keys == [Self.laptop])
        #expect(panel?.draft == "")
        #expect(panel?.message == "Key linked: ssh to this server with it logs you in.")
    }

    @Test func aRefusedKeyShowsTheServersReasonAndKeepsTheText() {
        var state = panelOpen()
        _ = state.apply(.response(.sshKeysLoaded(.success([]))))
        _ = Fixture.type(&state, "not a key")
        #expect(state.apply(.key(.enter)) == [.linkSSHKey("not a key")])
        let error = ArenaClientError(
            status: 409, code: "key_in_use", message: "That key is already linked to an account.")
        _ = state.apply(.response(.sshKeyLinked(.failure(error))))
        #expect(state.profileScreen?.sshKeys?.message == "That key is already linked to an account.")
        #expect(state.profileScreen?.sshKeys?.draft == "not a key")
        #expect(state.profileScreen?.sshKeys?.busy == false)
    }

    @Test func removingAsksFirstAndEscClosesThePanel() {
        var state = panelOpen()
        let desktop = SSHKeyDTO(id: "k2", fingerprint: "SHA256:other", comment: "", createdAt: "2027-01-17T09:00:00Z")
        _ = state.apply(.response(.sshKeysLoaded(.success([Self.laptop, desktop]))))
        _ = state.apply(.key(.tab))
        #expect(!state.isTyping)
        _ = state.apply(.key(.down))
        #expect(state.apply(.key(.character("x"))) == [])
        #expect(state.profileScreen?.sshKeys?.confirmRemove == desktop)
        #expect(state.apply(.key(.character("n"))) == [])
        #expect(state.profileScreen?.sshKeys?.confirmRemove == nil)
        _ = state.apply(.key(.delete))
        #expect(state.apply(.key(.character("y"))) == [.unlinkSSHKey(id: "k2")])
        _ = state.apply(.response(.sshKeyUnlinked(id: "k2", .success(Done()))))
        #expect(state.profileScreen?.sshKeys?.keys == [Self.laptop])
        #expect(state.profileScreen?.sshKeys?.selected == 0)
        _ = state.apply(.key(.escape))
        #expect(state.profileScreen != nil)
        #expect(state.profileScreen?.sshKeys == nil)
    }

    @Test func anEndedSessionGoesToTheLoginScreen() {
        var state = panelOpen()
        _ = state.apply(.response(.sshKeysLoaded(.failure(.sessionExpired))))
        #expect(state.loginScreen != nil)
    }

    @Test func thePanelListsKeysAndTheFieldToPasteInto() {
        var state = panelOpen()
        _ = state.apply(.response(.sshKeysLoaded(.success([Self.laptop]))))
        _ = Fixture.type(&state, "ssh-ed25519 AAAAC3")
        ScreenRenderTests().expectScreen(
            state,
            [
                " TicTacToe Arena · Profile                               alice (1200)  ● online",
                "     ┌─ SSH keys ─────────────────────────────────────────────────────────┐",
                "     │  A linked key logs you in when you ssh to a server's ssh port.     │",
                "     │                                                                    │",
                "     │  alice@laptop · linked 2027-01-16                                  │",
                "     │    SHA256:WIb5AhPRbfQ1qr4V191er+9HUCpm7wpPwHUklBT1OjE              │",
                "     │                                                                    │",
                "     │                                                                    │",
                "     │                                                                    │",
                "     │                                                                    │",
                "     │                                                                    │",
                "     │                                                                    │",
                "     │                                                                    │",
                "     │                                                                    │",
                "     │  Paste a public key (ssh-ed25519 AAAA... comment), Enter to link:  │",
                "     │  ssh-ed25519 AAAAC3                                                │",
                "     │                                                                    │",
                "     │                                                                    │",
                "     │                                                                    │",
                "     └────────────────────────────────────────────────────────────────────┘",
                "",
                "",
                "",
                " Tab list / paste field   Enter link   x/Del remove   Esc profile",
            ])
    }
}
