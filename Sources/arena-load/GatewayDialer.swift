import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket

/// Opens one authenticated gateway connection as bare NIO handlers: TLS, the HTTP upgrade to
/// `/ws` with the bearer token, then whatever handler `install` puts on the upgraded pipeline.
/// Every mode that drives connections on their event loops (players, the ping floor) dials here.
enum GatewayDialer {
    /// Returns the channel and the future `install` made (what the connection reports when it
    /// ends). Throws if the connection or the upgrade fails.
    static func connect<Result: Sendable>(
        address: ServerAddress, tls: NIOSSLContext, token: String,
        install: @escaping @Sendable (any Channel) throws -> EventLoopFuture<Result>
    ) async throws -> (any Channel, EventLoopFuture<Result>) {
        let serverName = address.sniHostname ?? address.host
        let upgrade = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: address.host, port: address.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    let upgrader = NIOTypedWebSocketClientUpgrader<Upgrade<Result>>(
                        maxFrameSize: 1 << 16,
                        upgradePipelineHandler: { channel, _ in
                            channel.eventLoop.makeCompletedFuture { Upgrade.upgraded(try install(channel)) }
                        })
                    var headers = HTTPHeaders()
                    headers.add(name: "Host", value: "\(serverName):\(address.port)")
                    headers.add(name: "Authorization", value: "Bearer \(token)")
                    let request = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/ws", headers: headers)
                    var configuration = NIOUpgradableHTTPClientPipelineConfiguration(
                        upgradeConfiguration: .init(
                            upgradeRequestHead: request, upgraders: [upgrader],
                            notUpgradingCompletionHandler: { channel in
                                channel.eventLoop.makeSucceededFuture(Upgrade<Result>.refused)
                            }))
                    configuration.leftOverBytesStrategy = .forwardBytes
                    return (
                        channel,
                        try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(
                            configuration: configuration)
                    )
                }
            }
        switch try await upgrade.1.get() {
        case .upgraded(let finished):
            return (upgrade.0, finished)
        case .refused:
            upgrade.0.close(promise: nil)
            throw LoadError("the server refused the gateway upgrade")
        }
    }

    private enum Upgrade<Result: Sendable>: Sendable {
        case upgraded(EventLoopFuture<Result>)
        case refused
    }
}
