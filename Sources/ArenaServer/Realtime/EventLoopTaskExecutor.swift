import NIOCore

/// Runs a task's jobs on one NIO event loop: a gateway session's requests are carried out on its
/// connection's event loop instead of Swift's global pool.
///
/// Why: a move used to cross threads four times (the event loop hands the request to a pool
/// thread, the pool to the SQLite writer, the writer back to the pool, the pool to the event loop
/// to write the frames), and each crossing to a sleeping thread is a futex or eventfd wake-up in
/// the kernel. With this preference the request starts on the loop that read it without a
/// wake-up, the game actor runs there too (a default actor follows its caller's task executor),
/// the commit resumes it there, and the mover's frames are written without leaving the loop.
/// The work it runs must not block: it never does (SQLite writes go through `WriteBatcher`'s
/// thread, reads through GRDB's queues, Argon2 through `HashThreads`).
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        loop.enqueue(job)
    }
}
