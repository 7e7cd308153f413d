#if SSH
import Logging
import NIOCore
import NIOSSH

/// Who gets in, and as whom. Anyone gets the login screen without an ssh password: "none" auth is
/// accepted for any username that has no linked keys (OpenSSH tries "none" first, so a player
/// with no keys is never prompted). For a username with linked keys, "none" is answered with
/// "publickey only", so the client offers its keys; a key linked to an account logs the session
/// in as that account, any other key lands on the login screen as "none" would.
final class SSHAuthDelegate: NIOSSHServerUserAuthenticationDelegate, Sendable {
    let keys: SSHKeyStore
    let connection: SSHConnectionState
    let logger: Logger

    init(keys: SSHKeyStore, connection: SSHConnectionState, logger: Logger) {
        self.keys = keys
        self.connection = connection
        self.logger = logger
    }

    var supportedAuthenticationMethods: NIOSSHAvailableUserAuthenticationMethods { .publicKey }

    func requestReceived(
        request: NIOSSHUserAuthenticationRequest, responsePromise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>
    ) {
        let (keys, connection, logger) = (keys, connection, logger)
        let username = String(request.username.prefix(64))
        switch request.request {
        case .none:
            responsePromise.completeWithTask {
                try await keys.hasKeys(username: username) ? .failure : .success
            }
        case .publicKey(let offer):
            guard let fingerprint = SSHPublicKeyLine.fingerprint(of: offer.publicKey) else {
                responsePromise.succeed(.success)
                return
            }
            responsePromise.completeWithTask {
                if let owner = try await keys.owner(fingerprint: fingerprint) {
                    connection.userID = owner
                    logger.info(
                        "ssh key login",
                        metadata: [
                            "user_id": .string(owner), "fingerprint": .string(fingerprint),
                            "remote": .string(connection.remoteIP),
                        ])
                }
                return .success
            }
        default:
            responsePromise.succeed(.failure)
        }
    }
}
#endif
