import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// Failures to listen that an operator can fix, in one sentence instead of NIO's bind error.
public enum ListenError {
    /// nil when `error` is not a failure to listen.
    public static func explain(_ error: any Error, host: String, port: Int) -> String? {
        guard let io = error as? IOError else { return nil }
        let address = "\(host):\(port)"
        switch io.errnoCode {
        case EADDRINUSE:
            return "cannot listen on \(address): the address is in use (is another server running? pick another port)"
        case EACCES:
            return
                "cannot listen on \(address): permission denied (ports below 1024 need privileges; pick another port)"
        case EADDRNOTAVAIL:
            return "cannot listen on \(address): this machine has no such address (check host)"
        default:
            return nil
        }
    }
}
