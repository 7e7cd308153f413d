import ArenaServer
import ArgumentParser
import Foundation
import Logging

/// Options shared by every subcommand that opens the server's data.
struct ServerOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (default: ./server.conf when present).")
    var config: String?

    @Option(name: .long, help: "Address to listen on (overrides `host`).")
    var host: String?

    @Option(name: .long, help: "Port to listen on (overrides `port`).")
    var port: Int?

    @Option(name: .customLong("ssh-port"), help: "Also let players in over ssh on this port (overrides `ssh_port`).")
    var sshPort: Int?

    @Option(name: .customLong("data-dir"), help: "Folder for the database and certificate (overrides `data_dir`).")
    var dataDir: String?

    @Option(name: .customLong("set"), help: "Override any setting: --set key=value (repeatable).")
    var settings: [String] = []

    func load() throws -> ServerConfig { try ConfigLoader.config(from: entries()) }

    /// The settings as given (file, then flags); read again on every reload.
    func entries() throws -> [ConfigEntry] {
        var overrides: [(String, String)] = []
        for setting in settings {
            guard let eq = setting.firstIndex(of: "=") else {
                throw ValidationError("--set expects key=value, got \(setting)")
            }
            overrides.append((String(setting[..<eq]), String(setting[setting.index(after: eq)...])))
        }
        if let host { overrides.append(("host", host)) }
        if let port { overrides.append(("port", String(port))) }
        if let dataDir { overrides.append(("data_dir", dataDir)) }
        if let sshPort { overrides.append(("ssh_port", String(sshPort))) }
        let file = config ?? (FileManager.default.fileExists(atPath: "server.conf") ? "server.conf" : nil)
        return try ConfigLoader.entries(file: file, overrides: overrides)
    }

    func makeLogger(_ config: ServerConfig, level: LogLevelSwitch) -> Logger {
        level.set(Logger.Level(rawValue: config.logLevel) ?? .info)
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        return Logger(label: "arena-server")
    }
}

@main
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arena-server",
        abstract: "The TicTacToe Arena server: REST and WebSocket over one TLS port.",
        subcommands: [Serve.self, Admin.self],
        defaultSubcommand: Serve.self
    )
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server in the foreground (the default).")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let config: ServerConfig
        let entries: [ConfigEntry]
        do {
            entries = try options.entries()
            config = try ConfigLoader.config(from: entries)
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data("arena-server: configuration error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let level = LogLevelSwitch(.info)
        let logger = options.makeLogger(config, level: level)
        let options = self.options
        let built: ArenaServerApp.Built
        do {
            built = try await ArenaServerApp.build(
                config: config, logger: logger,
                reloadSource: ReloadSource(initial: entries, logLevel: level, read: { try options.entries() }))
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data("arena-server: configuration error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        if let fingerprint = built.fingerprint {
            logger.notice("tls certificate", metadata: ["sha256_fingerprint": .string(fingerprint)])
            // Unbuffered, so a supervisor reading a pipe sees it before the server is up.
            FileHandle.standardOutput.write(Data("TLS certificate SHA-256 fingerprint: \(fingerprint)\n".utf8))
        }
        if let ssh = built.ssh {
            logger.notice("ssh host key", metadata: ["fingerprint": .string(ssh.hostKeyFingerprint)])
            FileHandle.standardOutput.write(
                Data(
                    "SSH host key fingerprint: \(ssh.hostKeyFingerprint) (players: ssh -p \(config.sshPort) HOST)\n"
                        .utf8))
        }
        do {
            try await built.run()
        } catch {
            guard
                let reason = ListenError.explain(error, host: config.host, port: config.port)
                    ?? (error as? ConfigError)?.description
            else { throw error }
            logger.critical("cannot listen", metadata: ["reason": .string(reason)])
            FileHandle.standardError.write(Data("arena-server: \(reason)\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Administer accounts in the server's database.",
        subcommands: [CreateAdmin.self, SetRole.self, ResetToken.self, SeedUsers.self, Backup.self]
    )
}
