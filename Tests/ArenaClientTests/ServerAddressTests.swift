import Testing

@testable import ArenaClient

@Suite struct ServerAddressTests {
    @Test func parsesHostAndPort() throws {
        let address = try #require(ServerAddress(parsing: "example.org:7000"))
        #expect(address.host == "example.org")
        #expect(address.port == 7000)
        #expect(!address.isIPAddress)
        #expect(address.tlsServerName == "example.org")
    }

    @Test func bareHostUsesDefaultPort() throws {
        let address = try #require(ServerAddress(parsing: "localhost"))
        #expect(address.port == ServerAddress.defaultPort)
    }

    @Test func ipAddressGetsANameForSNI() throws {
        let address = try #require(ServerAddress(parsing: "127.0.0.1:5000"))
        #expect(address.isIPAddress)
        #expect(address.tlsServerName == "localhost")
        #expect(address.webSocketURL == "wss://127.0.0.1:5000/ws")
    }

    @Test func bracketedIPv6() throws {
        let address = try #require(ServerAddress(parsing: "[::1]:5001"))
        #expect(address.host == "::1")
        #expect(address.description == "[::1]:5001")
        #expect(address.isIPAddress)
    }

    @Test func rejectsNonsense() {
        #expect(ServerAddress(parsing: "") == nil)
        #expect(ServerAddress(parsing: "host:0") == nil)
        #expect(ServerAddress(parsing: "host:99999") == nil)
        #expect(ServerAddress(parsing: "host:abc") == nil)
        #expect(ServerAddress(parsing: "a b:1") == nil)
    }
}
