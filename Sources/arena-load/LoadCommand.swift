import ArgumentParser

@main
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arena-load",
        abstract: "Load tool for arena-server: plays games over the WebSocket gateway and reports what it measured.",
        discussion: """
            Run it against your own server on this machine, with limits lifted (Benchmarks/server.conf).
            Accounts are PREFIX000000...; seed them fast with `arena-server admin seed-users`.
            """,
        subcommands: [PlayCommand.self, IdleCommand.self, PingCommand.self],
        defaultSubcommand: PlayCommand.self
    )
}
