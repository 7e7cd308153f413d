// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "TicTacToeArena",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "arena-server", targets: ["arena-server"]),
        .executable(name: "arena", targets: ["arena"]),
        .executable(name: "arena-load", targets: ["arena-load"]),
    ],
    traits: [
        .default(enabledTraits: ["SSH"]),
        // Off only in scripts/play's quick first build: NIOSSH needs swift-crypto, whose own copy of
        // BoringSSL is the largest single piece of a clean build.
        .trait(name: "SSH", description: "The ssh listener: players reach the game with `ssh -p PORT host`."),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket.git", from: "1.6.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-ssh.git", from: "0.15.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .systemLibrary(name: "CArgon2", path: "Sources/CArgon2"),
        .target(name: "ArenaKit"),
        .target(name: "CPty", linkerSettings: [.linkedLibrary("util")]),
        .target(name: "CArenaCrypto", linkerSettings: [.linkedLibrary("crypto")]),
        .target(name: "ArenaCrypto", dependencies: ["CArenaCrypto"]),
        .target(
            name: "ArenaServer",
            dependencies: [
                "ArenaKit",
                "ArenaCrypto",
                "CArgon2",
                "CPty",
                .product(name: "NIOSSH", package: "swift-nio-ssh", condition: .when(traits: ["SSH"])),
                .product(name: "Crypto", package: "swift-crypto", condition: .when(traits: ["SSH"])),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "arena-server",
            dependencies: [
                "ArenaServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "ArenaHTTP",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "ArenaClient",
            dependencies: [
                "ArenaKit",
                "ArenaCrypto",
                "ArenaHTTP",
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "ArenaTUI",
            dependencies: [
                "ArenaKit", "ArenaClient", "CNcursesw",
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(
            name: "arena",
            dependencies: [
                "ArenaTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "arena-load",
            dependencies: [
                "ArenaKit",
                "ArenaHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "ArenaKitTests", dependencies: ["ArenaKit"]),
        .testTarget(
            name: "ArenaServerTests",
            dependencies: [
                "ArenaServer", "ArenaKit",
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ]),
        .testTarget(name: "ArenaTUITests", dependencies: ["ArenaTUI", "ArenaClient", "ArenaKit"]),
        .testTarget(name: "ArenaClientTests", dependencies: ["ArenaClient", "ArenaKit"]),
        .testTarget(
            name: "ArenaHTTPTests",
            dependencies: [
                "ArenaHTTP", "ArenaClient", "ArenaServer",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
    ]
)
