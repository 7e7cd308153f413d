import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// Fetches a server's certificate without trusting it, so the player can be shown its fingerprint
/// before anything is sent. The connection is closed straight after the handshake.
public enum CertificateProbe {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func fetchCertificate(
        from server: ServerAddress, timeout: TimeAmount = .seconds(10)
    ) async throws -> NIOSSLCertificate {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        let sslContext = try NIOSSLContext(configuration: tls)
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.next().makePromise(of: NIOSSLCertificate.self)
        let serverName = server.tlsServerName
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let ssl = try NIOSSLClientHandler(context: sslContext, serverHostname: serverName)
                    try channel.pipeline.syncOperations.addHandler(ssl)
                    try channel.pipeline.syncOperations.addHandler(PeerCertificateCatcher(promise: promise))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: server.host, port: server.port).get()
        } catch {
            promise.fail(error)
            throw Failure(description: reason(connecting: error))
        }
        let timeoutTask = channel.eventLoop.scheduleTask(in: timeout) {
            promise.fail(Failure(description: "no TLS handshake from \(server) within the timeout"))
        }
        defer {
            timeoutTask.cancel()
            channel.close(promise: nil)
        }
        do {
            return try await promise.futureResult.get()
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "TLS handshake with \(server) failed: \(error)")
        }
    }
}

extension CertificateProbe {
    /// A failed connect in a few words: NIO's description nests every attempt and errno.
    static func reason(connecting error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("Connection refused") { return "connection refused" }
        if text.contains("connectTimeout") || text.contains("timed out") { return "no answer (timed out)" }
        if text.contains("Network is unreachable") || text.contains("No route to host") {
            return "no route to that address"
        }
        if text.contains("UnknownHost") || text.contains("getaddrinfo") || text.contains("No address") {
            return "unknown host name"
        }
        return text
    }
}

/// Completes the promise with the peer's leaf certificate once the handshake is done.
private final class PeerCertificateCatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    let promise: EventLoopPromise<NIOSSLCertificate>

    init(promise: EventLoopPromise<NIOSSLCertificate>) { self.promise = promise }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event {
            let handler = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self)
            if let certificate = handler?.peerCertificate {
                promise.succeed(certificate)
            } else {
                promise.fail(CertificateProbe.Failure(description: "the server presented no certificate"))
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(CertificateProbe.Failure(description: "the server closed the connection during the handshake"))
        context.fireChannelInactive()
    }
}

extension NIOSSLCertificate {
    public var fingerprint: Fingerprint {
        Fingerprint(certificateDER: (try? toDERBytes()) ?? [])
    }
}
