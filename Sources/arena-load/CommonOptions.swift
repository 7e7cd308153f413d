import ArgumentParser

/// Options every mode shares: where the server is, which accounts to use, how to report.
struct CommonOptions: ParsableArguments {
    @Option(help: "The server, HOST:PORT.")
    var server: String = "127.0.0.1:5000"

    @Option(name: .customLong("accounts-prefix"), help: "Usernames are PREFIX000000, PREFIX000001, ...")
    var accountsPrefix: String = "load"

    @Option(help: "The accounts' password (they are registered with it when missing).")
    var password: String = "arena-load-Pa55word"

    @Option(
        name: .customLong("server-pid"), help: "The server's process id (default: the process listening on the port).")
    var serverPID: Int32?

    @Option(name: .customLong("setup-concurrency"), help: "Logins in flight while preparing accounts.")
    var setupConcurrency: Int = 8

    @Flag(help: "End the output with the report as one JSON object on one line.")
    var json = false

    func validate() throws {
        guard (1...14).contains(accountsPrefix.count) else {
            throw ValidationError("--accounts-prefix must be 1 to 14 characters (usernames are at most 20)")
        }
    }

    func address() throws -> ServerAddress { try ServerAddress(server) }

    /// Logs the first `count` accounts in (registering missing ones) with a client of its own,
    /// for modes that need no REST during their window.
    func sessions(at address: ServerAddress, count: Int) async throws -> [Session] {
        let usernames = Accounts.usernames(prefix: accountsPrefix, count: count)
        return try await RestClient.with(address: address) { rest in
            try await Accounts.sessions(
                rest: rest, usernames: usernames, password: password, concurrency: setupConcurrency)
        }
    }

    /// The server process to watch, when it runs on this machine and can be found.
    func probe(for address: ServerAddress) -> ProcessProbe? {
        if let serverPID { return ProcessProbe(pid: serverPID) }
        return ProcessProbe.listener(port: address.port).map { ProcessProbe(pid: $0) }
    }
}
