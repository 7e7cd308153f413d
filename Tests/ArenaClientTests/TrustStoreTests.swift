import Foundation
import Testing

@testable import ArenaClient

@Suite struct FingerprintTests {
    @Test func formatsAsColonSeparatedUpperHex() {
        let fingerprint = Fingerprint(certificateDER: Array("abc".utf8))
        // SHA-256("abc"), the FIPS 180-2 test vector.
        #expect(
            fingerprint.description
                == "BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD")
    }

    @Test func parsesWithOrWithoutColonsInAnyCase() throws {
        let fingerprint = Fingerprint(certificateDER: [1, 2, 3])
        let colon = try #require(Fingerprint(parsing: fingerprint.description.lowercased()))
        let bare = try #require(Fingerprint(parsing: fingerprint.description.replacingOccurrences(of: ":", with: "")))
        #expect(colon == fingerprint)
        #expect(bare == fingerprint)
        #expect(Fingerprint(parsing: "AB:CD") == nil)
        #expect(Fingerprint(parsing: String(repeating: "ZZ", count: 32)) == nil)
    }
}

@Suite struct KnownServersTests {
    let server = ServerAddress(host: "127.0.0.1", port: 5000)
    let first = Fingerprint(certificateDER: [1])
    let second = Fingerprint(certificateDER: [2])

    @Test func unknownThenTrustedAfterTrusting() {
        var known = KnownServers()
        #expect(known.verdict(for: server, presented: first) == .unknown)
        known.trust(server, fingerprint: first)
        #expect(known.verdict(for: server, presented: first) == .trusted)
    }

    @Test func aChangedCertificateNamesTheLineToDelete() {
        let text = "# comment\nexample.org:5000 \(second)\n127.0.0.1:5000 \(first)\n"
        let known = KnownServers(parsing: text)
        #expect(known.verdict(for: server, presented: second) == .changed(pinned: first, line: 3))
    }

    @Test func roundTripsThroughAFileKeepingOtherLines() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("arena-known-\(UUID())")
        let paths = ClientPaths(directory: directory.path)
        try paths.ensureDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "# my servers\nother:1 \(second)\n".write(toFile: paths.knownServersFile, atomically: true, encoding: .utf8)
        var known = KnownServers.load(from: paths.knownServersFile)
        known.trust(server, fingerprint: first)
        try known.save(to: paths.knownServersFile)
        let text = try String(contentsOfFile: paths.knownServersFile, encoding: .utf8)
        #expect(text == "# my servers\nother:1 \(second)\n127.0.0.1:5000 \(first)\n")
        #expect(KnownServers.load(from: paths.knownServersFile).verdict(for: server, presented: first) == .trusted)
    }
}

@Suite struct ClientPathsTests {
    @Test func explicitDirectoryWins() {
        let paths = ClientPaths.resolve(environment: ["ARENA_CONFIG_DIR": "/tmp/x", "XDG_CONFIG_HOME": "/cfg"])
        #expect(paths.directory == "/tmp/x")
    }

    @Test func xdgThenHome() {
        #expect(ClientPaths.resolve(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/h"]).directory == "/cfg/arena")
        #expect(ClientPaths.resolve(environment: ["HOME": "/h"]).directory == "/h/.config/arena")
        // A relative XDG_CONFIG_HOME is invalid by the spec and ignored.
        #expect(
            ClientPaths.resolve(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/h"]).directory == "/h/.config/arena")
    }
}

@Suite struct ClientConfigTests {
    @Test func parsesAndKeepsUnknownKeys() {
        let config = ClientConfig(parsing: "# hi\nserver = example.org:7000\n theme=dark \nkeys.up = w\n")
        #expect(config.server == "example.org:7000")
        #expect(config.theme == "dark")
        #expect(config.text.contains("keys.up = w"))
        #expect(ClientConfig(parsing: config.text) == config)
    }
}

@Suite struct BackoffTests {
    @Test func doublesFromHalfASecondToEight() {
        var backoff = Backoff()
        let delays = (0..<7).map { _ in backoff.nextDelay() }
        #expect(
            delays == [
                .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(8), .seconds(8),
            ])
        backoff.reset()
        #expect(backoff.nextDelay() == .milliseconds(500))
    }
}
