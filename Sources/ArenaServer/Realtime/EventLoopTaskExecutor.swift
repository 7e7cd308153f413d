import NIOCore

/// Runs a gateway connection's request tasks on the connection's own event loop instead of the
/// shared concurrency pool. A request then goes from the socket through the game's actor (a
/// default actor runs on its caller's preferred executor) and back to the socket on one thread,
/// leaving it only for the SQLite writer: the pool hop cost two thread wake-ups per request.
/// Nothing on that path blocks (SQLite writes wait on the writer thread, Argon2 is never on it).
final class EventLoopTaskExecutor: TaskExecutor {
    private let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        eventLoop.execute { job.runSynchronously(on: executor) }
    }
}
