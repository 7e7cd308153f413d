import ArenaKit
import Foundation

/// A logged-in account the tool plays or reads with.
struct Session: Sendable {
    var username: String
    var userID: String
    var token: String
}

/// Gets sessions for the tool's accounts before any timing starts: logs in, registering the
/// accounts that do not exist yet. Seeded accounts (`arena-server admin seed-users`) make this a
/// login per account, at the server's Argon2 cost, bounded by its hashing concurrency.
enum Accounts {
    static func usernames(prefix: String, count: Int) -> [String] {
        (0..<count).map { prefix + String(format: "%06d", $0) }
    }

    static func sessions(rest: RestClient, usernames: [String], password: String, concurrency: Int) async throws
        -> [Session]
    {
        let started = Date()
        var sessions = [Session?](repeating: nil, count: usernames.count)
        try await withThrowingTaskGroup(of: (Int, Session).self) { group in
            var next = 0
            func launch() {
                guard next < usernames.count else { return }
                let index = next
                next += 1
                group.addTask {
                    let auth = try await withRetries {
                        try await rest.session(username: usernames[index], password: password)
                    }
                    return (index, Session(username: usernames[index], userID: auth.user.id, token: auth.accessToken))
                }
            }
            for _ in 0..<max(1, concurrency) { launch() }
            var done = 0
            while let (index, session) = try await group.next() {
                sessions[index] = session
                done += 1
                if done % 500 == 0 { Log.progress("\(done)/\(usernames.count) accounts ready") }
                launch()
            }
        }
        Log.progress(
            "\(usernames.count) accounts ready in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        return sessions.compactMap { $0 }
    }

    /// The server answers 503 when its Argon2 queue is full: wait and try again.
    private static func withRetries<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await body()
            } catch let error as LoadError where error.description.contains("HTTP 503") && attempt < 20 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(200 * attempt))
            }
        }
    }
}

/// Progress goes to standard error, so standard output holds only the report.
enum Log {
    static func progress(_ line: String) {
        FileHandle.standardError.write(Data("arena-load: \(line)\n".utf8))
    }
}
