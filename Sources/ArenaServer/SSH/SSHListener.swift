#if SSH
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSH
import ServiceLifecycle
import Synchronization

/// The optional ssh listener (`ssh_port`), a service of the server process: each connection is a
/// NIOSSH server handler whose session channels run the real client (`SSHSessionHandler`).
/// Port forwarding is refused (no global request delegate accepts it, and direct-tcpip channels
/// fail to open). At graceful shutdown it stops accepting, closes every connection (which hangs
/// up on every client) and waits for the clients to be gone.
public final class SSHListener: SSHEntrance {
    let host: String
    let port: Int
    let hostKey: SSHHostKey
    let keys: SSHKeyStore
    let settings: SSHSessionSettings
    private let connections = Mutex<[ObjectIdentifier: any Channel]>([:])
    private let boundPort = Mutex<Int?>(nil)

    /// How long a connection may stay without starting the game (authenticating, asking for a pty).
    static let loginGrace: TimeAmount = .seconds(60)
    static let shutdownWait: Duration = .seconds(3)

    init(config: ServerConfig, hostKey: SSHHostKey, keys: SSHKeyStore, settings: SSHSessionSettings) {
        host = config.resolvedSSHHost
        port = config.sshPort
        self.hostKey = hostKey
        self.keys = keys
        self.settings = settings
    }

    /// The TLS listener is up: sessions' clients connect to this port.
    public func serverListening(port: Int) { settings.loopback.listening(on: port) }

    public func run() async throws {
        // Before the first session: what a killed earlier run left is not mixed with new dirs.
        await settings.directories.sweep(auth: settings.auth, logger: settings.logger)
        let group = MultiThreadedEventLoopGroup.singleton
        let server: any Channel
        do {
            server = try await ServerBootstrap(group: group)
                .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { [self] channel in
                    channel.eventLoop.makeCompletedFuture { try self.accept(channel) }
                }
                .bind(host: host, port: port).get()
        } catch {
            let reason =
                ListenError.explain(error, host: host, port: port)
                ?? "cannot listen for ssh on \(host):\(port): \(error)"
            settings.logger.critical("cannot listen", metadata: ["reason": .string(reason)])
            throw ConfigError(reason)
        }
        let actual = server.localAddress?.port ?? port
        boundPort.withLock { $0 = actual }
        settings.logger.notice(
            "ssh listening",
            metadata: [
                "address": .string("ssh://\(host):\(actual)"), "port": .stringConvertible(actual),
                "client": .string(settings.clientPath),
            ])
        // A future does not end on task cancellation: closing the socket is what ends the wait.
        await withGracefulShutdownHandler {
            try? await server.closeFuture.get()
        } onGracefulShutdown: {
            server.close(promise: nil)
        }
        let open = connections.withLock { Array($0.values) }
        for channel in open { channel.close(promise: nil) }
        let deadline = ContinuousClock.now + Self.shutdownWait
        while settings.limits.activeSessions > 0 || connections.withLock({ !$0.isEmpty }),
            ContinuousClock.now < deadline
        {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    public var listeningPort: Int? { boundPort.withLock { $0 } }

    /// Sets up one accepted connection, or drops it at once when its IP is over its rate.
    private func accept(_ channel: any Channel) throws {
        let ip = channel.remoteAddress?.ipAddress ?? "unknown"
        guard settings.limits.admitConnection(from: ip) else {
            settings.logger.notice("ssh connection refused: rate limit", metadata: ["remote": .string(ip)])
            channel.close(promise: nil)
            return
        }
        let id = ObjectIdentifier(channel)
        connections.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { [self] _ in
            _ = connections.withLock { $0.removeValue(forKey: id) }
        }
        let connection = SSHConnectionState(remoteIP: ip)
        let settings = settings
        var configuration = SSHServerConfiguration(
            hostKeys: [hostKey.privateKey],
            userAuthDelegate: SSHAuthDelegate(keys: keys, connection: connection, logger: settings.logger))
        configuration.maxAuthAttempts = 20
        let handler = NIOSSHHandler(
            role: .server(configuration), allocator: channel.allocator,
            inboundChildChannelInitializer: { child, type in
                guard case .session = type else {
                    // direct-tcpip (ssh -L) and anything else: the channel open is refused.
                    return child.eventLoop.makeFailedFuture(SSHRefused.channelType)
                }
                return child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(
                        SSHSessionHandler(settings: settings, connection: connection))
                }
            })
        try channel.pipeline.syncOperations.addHandlers([handler, SSHConnectionErrorHandler(logger: settings.logger)])
        channel.eventLoop.scheduleTask(in: Self.loginGrace) {
            if !connection.clientStarted { channel.close(promise: nil) }
        }
    }
}

enum SSHRefused: Error {
    case channelType
}

/// Ends a connection whose SSH protocol failed (bad packets, failed key exchange): logged at debug
/// level, as scanners do this all day.
final class SSHConnectionErrorHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = Any
    let logger: Logger

    init(logger: Logger) { self.logger = logger }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.debug("ssh connection error", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }
}

extension SSHListener {
    /// The listener for `ssh_port`, or the configuration error that stops start-up: the sessions'
    /// clients reach this server over TLS (the only way the client talks), and need a client binary.
    static func make(graph: ServiceGraph, tlsFingerprint: String?) throws -> SSHListener {
        let context = graph.context
        let config = context.config
        guard config.tlsEnabled, let tlsFingerprint else {
            throw ConfigError(
                "ssh_port needs tls = on: each ssh session's client connects to this server over loopback TLS")
        }
        let clientPath = ClientLaunch.resolveClientPath(configured: config.sshClientPath)
        guard FileManager.default.isExecutableFile(atPath: clientPath) else {
            throw ConfigError(
                "ssh_port: there is no executable client at \(clientPath); build `arena` (swift build) or set ssh_client_path"
            )
        }
        let hostKey = try SSHHostKey.load(dataDir: config.dataDir)
        let settings = SSHSessionSettings(
            clientPath: clientPath,
            loopback: LoopbackServer(listenHost: config.host, port: config.port, fingerprint: tlsFingerprint),
            limits: SSHLimits(
                maxSessions: config.sshMaxSessions, connectionsPerMinutePerIP: config.sshConnectionsPerMinutePerIP),
            idleTimeout: .seconds(Int64(config.sshIdleTimeoutSeconds)), auth: graph.auth, logger: context.logger,
            directories: try SSHSessionDirectories(dataDir: config.dataDir))
        return SSHListener(
            config: config, hostKey: hostKey, keys: SSHKeyStore(database: context.database), settings: settings)
    }

    /// OpenSSH's `SHA256:...` form of the host key, printed at start-up.
    public var hostKeyFingerprint: String { hostKey.fingerprint }
}
#endif
