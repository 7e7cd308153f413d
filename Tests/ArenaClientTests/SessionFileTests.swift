import Foundation
import Testing

@testable import ArenaClient

@Suite struct SessionFileTests {
    let server = ServerAddress(host: "localhost", port: 5300)
    let alice = RememberedSession(username: "alice", refreshToken: "rt-first.abc_DEF-123")

    /// A fresh config directory for each test, removed afterwards.
    func withPaths(_ body: (ClientPaths) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("arena-sessions-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(ClientPaths(directory: directory.path))
    }

    func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func savesOneJSONObjectReadableOnlyByTheUser() throws {
        try withPaths { paths in
            let file = SessionFile(paths: paths, server: server)
            #expect(file.path == paths.directory + "/sessions/localhost:5300")
            #expect(file.load() == nil)
            try file.save(alice)
            #expect(try mode(paths.sessionsDirectory) == 0o700)
            #expect(try mode(file.path) == 0o600)
            let object = try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: file.path)))
            #expect(
                (object as? [String: String]) == ["username": "alice", "refresh_token": "rt-first.abc_DEF-123"])
            #expect(file.load() == alice)
        }
    }

    @Test func replacesTheFileWholeAndLeavesNoTemporaryBehind() throws {
        try withPaths { paths in
            let file = SessionFile(paths: paths, server: server)
            // A file someone left world-readable, in a directory someone opened up.
            try FileManager.default.createDirectory(
                atPath: paths.sessionsDirectory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o755])
            _ = FileManager.default.createFile(
                atPath: file.path, contents: Data("{\"username\":\"old\",\"refresh_token\":\"old\"}".utf8),
                attributes: [.posixPermissions: 0o644])
            let before = try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? NSNumber
            let newest = RememberedSession(username: "alice", refreshToken: "rt-second")
            try file.save(newest)
            let after = try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? NSNumber
            // A rename puts a new inode in place; writing in place would keep the old one.
            #expect(before != nil && before != after)
            #expect(try mode(file.path) == 0o600)
            #expect(try mode(paths.sessionsDirectory) == 0o700)
            #expect(file.load() == newest)
            #expect(try FileManager.default.contentsOfDirectory(atPath: paths.sessionsDirectory) == ["localhost:5300"])
        }
    }

    @Test func eachServerHasItsOwnFileAndHostCaseDoesNotMatter() throws {
        try withPaths { paths in
            let upper = SessionFile(paths: paths, server: ServerAddress(host: "LocalHost", port: 5300))
            let otherPort = SessionFile(paths: paths, server: ServerAddress(host: "localhost", port: 5301))
            let v6 = SessionFile(paths: paths, server: ServerAddress(host: "::1", port: 5300))
            #expect(upper.path == SessionFile(paths: paths, server: server).path)
            #expect(v6.path.hasSuffix("/sessions/[::1]:5300"))
            try upper.save(alice)
            try v6.save(RememberedSession(username: "bob", refreshToken: "rt-bob"))
            #expect(SessionFile(paths: paths, server: server).load() == alice)
            #expect(otherPort.load() == nil)
            #expect(v6.load()?.username == "bob")
            otherPort.forget()
            upper.forget()
            #expect(SessionFile(paths: paths, server: server).load() == nil)
            #expect(v6.load() != nil)
        }
    }

    @Test(arguments: [
        "not json", "{}", "{\"username\":\"alice\"}", "{\"username\":\"alice\",\"refresh_token\":\"\"}",
        "{\"username\":\"\",\"refresh_token\":\"x\"}", "{\"username\":\"alice\",\"refresh_token\":\"a b\"}",
        "[\"alice\",\"token\"]",
    ])
    func malformedContentIsIgnoredAndRemoved(content: String) throws {
        try withPaths { paths in
            let file = SessionFile(paths: paths, server: server)
            try FileManager.default.createDirectory(
                atPath: paths.sessionsDirectory, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: file.path, contents: Data(content.utf8))
            #expect(file.load() == nil)
            #expect(!FileManager.default.fileExists(atPath: file.path))
        }
    }
}
