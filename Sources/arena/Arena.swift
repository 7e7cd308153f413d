import ArenaTUI
import ArgumentParser
import Foundation

@main
struct Arena: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arena", abstract: "Play TicTacToe Arena in the terminal.")

    @Option(name: .long, help: "The server as HOST:PORT (remembered for next time).")
    var server: String?

    @Option(name: .long, help: "Colour theme name (a file in themes/ or ~/.config/arena/themes/).")
    var theme: String?

    @Flag(name: .long, help: "Trust a server seen for the first time without asking (a changed one is still refused).")
    var trust = false

    @Option(name: .long, help: "Trust a new server only if its certificate has this SHA-256 fingerprint.")
    var trustFingerprint: String?

    @Flag(
        name: .long,
        help:
            "Accessible mode: one line of text per event on stdout, commands typed on stdin (help lists them), no screen drawing."
    )
    var plain = false

    func run() async throws {
        let status = await ArenaLauncher.run(
            .init(server: server, theme: theme, trustAnyNew: trust, trustFingerprint: trustFingerprint, plain: plain))
        if status != 0 { throw ExitCode(status) }
    }
}
