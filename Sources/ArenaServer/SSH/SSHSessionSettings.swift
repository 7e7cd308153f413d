#if SSH
import Logging
import NIOCore

/// What every ssh session needs from the server: where the client binary is, how to reach this
/// server over loopback TLS, the limits, and the services that mint a session for a key login.
struct SSHSessionSettings: Sendable {
    let clientPath: String
    let loopback: LoopbackServer
    let limits: SSHLimits
    let idleTimeout: TimeAmount
    let auth: AuthService
    let logger: Logger
    let directories: SSHSessionDirectories
}
#endif
