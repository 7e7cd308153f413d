import ArenaServer
import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `arena-server admin create-admin <username> <email> [--password P]`
struct CreateAdmin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-admin",
        abstract: "Create an account with the admin role.",
        discussion: "Without --password the password is read from standard input (without echo on a terminal).")

    @OptionGroup var options: ServerOptions
    @Argument(help: "The new account's username.") var username: String
    @Argument(help: "The new account's email address.") var email: String
    @Option(help: "The password (visible in the process list; prefer standard input).") var password: String?

    func run() async throws {
        let password = try password ?? Self.readPassword()
        try await AdminCommand.perform {
            let id = try await AccountAdmin(config: try options.load()).createAdmin(
                username: username, email: email, password: password)
            print("created admin \(username) (id \(id))")
        }
    }

    static func readPassword() throws -> String {
        if isatty(STDIN_FILENO) != 0, let typed = getpass("Password: ") {
            return String(cString: typed)
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("no password given: pass --password or write it to standard input")
        }
        return line
    }
}

/// `arena-server admin set-role <username> <role>`
struct SetRole: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-role",
        abstract: "Give a user the role player, moderator or admin.",
        discussion: "The user's sessions end, so they sign in again and their tokens carry the new role.")

    @OptionGroup var options: ServerOptions
    @Argument(help: "The user's username.") var username: String
    @Argument(help: "player, moderator or admin.") var role: String

    func run() async throws {
        try await AdminCommand.perform {
            let user = try await AccountAdmin(config: try options.load()).setRole(username: username, role: role)
            print("\(user.username) is now \(user.role)")
        }
    }
}

/// `arena-server admin reset-token <username>`
struct ResetToken: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset-token",
        abstract: "Print a single-use password-reset token for a user (username or email).",
        discussion: "Hand it to the user; they set a new password with it (POST /auth/password-reset/confirm).")

    @OptionGroup var options: ServerOptions
    @Argument(help: "The user's username or email.") var username: String

    func run() async throws {
        try await AdminCommand.perform {
            let issued = try await AccountAdmin(config: try options.load()).resetToken(username: username)
            print(issued.token)
            FileHandle.standardError.write(Data("valid for \(issued.expiresInSeconds) s, once\n".utf8))
        }
    }
}

enum AdminCommand {
    /// Runs an admin action, turning a refused request or bad configuration into one line on standard
    /// error and exit status 1, instead of a stack of Swift error text.
    static func perform(_ action: () async throws -> Void) async throws {
        do {
            try await action()
        } catch let error as APIError {
            FileHandle.standardError.write(Data("arena-server: \(error.message)\n".utf8))
            throw ExitCode.failure
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data("arena-server: configuration error: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

/// `arena-server admin backup <file>`
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent copy of the database to FILE, safe while the server runs.",
        discussion: """
            The copy is one snapshot of every committed transaction, checked with SQLite's integrity check
            before it replaces FILE. To restore: stop the server, copy FILE over arena.sqlite in the data
            folder, delete arena.sqlite-wal and arena.sqlite-shm there, start the server.
            """)

    @OptionGroup var options: ServerOptions
    @Argument(help: "Where to write the copy (replaced if it exists).") var file: String

    func run() async throws {
        try await AdminCommand.perform {
            do {
                let summary = try DatabaseBackup(config: try options.load()).write(to: file)
                print(
                    "backed up \(summary.users) accounts and \(summary.games) games to \(summary.path) (\(summary.bytes) bytes)"
                )
            } catch let error as ConfigError {
                throw error
            } catch {
                // A refused path, a full disk, a locked file: one line, not a Swift error dump.
                FileHandle.standardError.write(Data("arena-server: backup failed: \(error)\n".utf8))
                throw ExitCode.failure
            }
        }
    }
}
