import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import Metrics
import NIOCore
import Prometheus
import ServiceLifecycle

/// Builds the whole server from a configuration: storage, services, routes, the TLS listener.
/// `arena-server` and the tests call the same function.
public enum ArenaServerApp {
    public struct Built {
        public let application: any ApplicationProtocol
        public let fingerprint: String?
        public let services: ServiceGraph
        /// The ssh listener when `ssh_port` is set.
        public let ssh: (any SSHEntrance)?
        let gatewayPinger: GatewayPinger
        let logger: Logger

        /// Runs the server until SIGTERM or SIGINT. The gateway's goodbye (`server_shutdown`, then
        /// 1001) sits after the application in a group of its own, so it is said first: the
        /// listener's quiesce can wait seconds for a TLS peer that never answers close_notify, and
        /// players should hear of a restart at once. Queued writes are still committed last
        /// (`ShutdownDrain`, inside the application's group).
        public func run() async throws {
            let group = ServiceGroup(
                configuration: .init(
                    services: [application, gatewayPinger], gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger))
            try await group.run()
        }
    }

    /// With a `reloadSource`, SIGHUP reloads the settings that can change safely (`ConfigReload`).
    public static func build(
        config: ServerConfig, logger: Logger, clock: any NowProvider = SystemNow(), reloadSource: ReloadSource? = nil
    ) async throws -> Built {
        try FileManager.default.createDirectory(atPath: config.dataDir, withIntermediateDirectories: true)
        ResourceLimits.raiseOpenFiles()
        let database = try AppDatabase(path: config.resolvedDatabasePath, backgroundCheckpoints: true)
        let context = ServerContext(config: config, database: database, logger: logger, clock: clock)
        let graph = try await ServiceGraph.make(context: context)

        let router = Router(context: AppRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: MetricsMiddleware())
        let generalLimit = RateLimiter(perMinute: config.rateLimitPerMinute)
        let loginLimit = RateLimiter(perMinute: config.loginRateLimitPerMinute)
        router.add(middleware: RateLimitMiddleware(general: generalLimit, login: loginLimit))
        router.add(middleware: BodyLimitMiddleware(limit: config.maxBodyBytes))
        router.add(middleware: AuthMiddleware(verifier: graph.tokenVerifier))
        let routeTable = RouteTable()
        router.add(middleware: MethodNotAllowedMiddleware(routes: routeTable))
        HealthRoutes(registry: Metrics.registry, openAPIPath: nil).add(to: router)
        graph.addRoutes(to: router)
        routeTable.load(router.routes.map { ($0.path, $0.method) })

        let upgrade = GatewayServerChannel.builder(
            router: router, gateway: graph.gateway, maxFrameSize: config.wsMaxFrameBytes)

        var fingerprint: String?
        let server: HTTPServerBuilder
        if config.tlsEnabled {
            let store = try CertificateStore.load(config: config)
            fingerprint = store.fingerprint
            server = try .tls(upgrade, tlsConfiguration: try store.tlsConfiguration())
        } else {
            server = upgrade
        }
        let ssh = try SSHEntranceFactory.make(config: config, graph: graph, tlsFingerprint: fingerprint)

        var services: [any Service] =
            graph.backgroundServices
            + [WALCheckpointer(path: config.resolvedDatabasePath, commits: database.walCommits, logger: logger)]
        if let reloadSource {
            let reload = ConfigReload(
                initial: reloadSource.initial,
                targets: .init(
                    generalLimit: generalLimit, loginLimit: loginLimit, logLevel: reloadSource.logLevel,
                    setPairingPolicy: { [matchmaker = graph.matchmaker] in await matchmaker.setPolicy($0) }),
                logger: logger)
            services.append(ReloadOnHangup(reload: reload, source: reloadSource))
        }
        if let ssh { services.append(ssh) }

        let application = Application(
            router: router,
            server: server,
            configuration: .init(
                address: .hostname(config.host, port: config.port),
                serverName: nil,
                backlog: config.listenBacklog),
            services: services,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? config.port
                ssh?.serverListening(port: port)
                logger.notice(
                    "listening",
                    metadata: [
                        "address": .string("\(config.tlsEnabled ? "https" : "http")://\(config.host):\(port)"),
                        "port": .stringConvertible(port),
                        "tls": .stringConvertible(config.tlsEnabled),
                    ])
            },
            logger: logger
        )
        return Built(
            application: application, fingerprint: fingerprint, services: graph, ssh: ssh,
            gatewayPinger: graph.gatewayPinger, logger: logger)
    }
}

/// Metrics go to one Prometheus registry, bootstrapped once per process.
enum Metrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}
