#if SSH
import CPty
import Foundation
import NIOCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One child process in a pseudo-terminal of its own: started with `forkpty`-style C (see
/// `Sources/CPty`), since Foundation's Process cannot give a child a controlling terminal and
/// forking a multithreaded process needs care. The child is a session leader, so its pid is also
/// its process group: hang-ups and kills go to the whole group.
final class PtyProcess: Sendable {
    struct SpawnError: Error, CustomStringConvertible {
        let errno: Int32
        var description: String { "cannot start the client: \(String(cString: strerror(errno)))" }
    }

    let pid: pid_t
    /// A descriptor of the pty master kept only for window-size changes; the I/O descriptor
    /// belongs to the NIO pipe channel.
    private let controlFD: CInt
    private let state = Mutex(State())

    private struct State {
        var exitStatus: Int32?
        var controlClosed = false
    }

    /// Starts `path`. Returns the process and the pty master for I/O (non-blocking; the caller
    /// owns it).
    static func spawn(
        path: String, arguments: [String], environment: [String: String], directory: String, columns: Int, rows: Int
    ) throws -> (process: PtyProcess, ioFD: CInt) {
        // Everything the child needs is allocated here, before fork: the child may not malloc.
        let argv = ([path] + arguments).map { strdup($0) }
        let envp = environment.sorted(by: { $0.key < $1.key }).map { strdup("\($0.key)=\($0.value)") }
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var master: CInt = -1
        let pid = (argv + [nil]).withUnsafeBufferPointer { argvBuffer in
            (envp + [nil]).withUnsafeBufferPointer { envpBuffer in
                arena_pty_spawn(
                    path, directory, argvBuffer.baseAddress, envpBuffer.baseAddress, Self.clamp(rows),
                    Self.clamp(columns), &master)
            }
        }
        guard pid > 0 else { throw SpawnError(errno: errno) }
        let control = dup(master)
        guard control >= 0 else {
            let saved = errno
            Glibc.kill(-pid, SIGKILL)
            close(master)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            throw SpawnError(errno: saved)
        }
        _ = fcntl(control, F_SETFD, FD_CLOEXEC)
        return (PtyProcess(pid: pid, controlFD: control), master)
    }

    private init(pid: pid_t, controlFD: CInt) {
        self.pid = pid
        self.controlFD = controlFD
    }

    /// Tells the pty its new size; the kernel sends SIGWINCH to the client.
    func resize(columns: Int, rows: Int) {
        state.withLock { state in
            guard !state.controlClosed else { return }
            _ = arena_pty_resize(controlFD, Self.clamp(rows), Self.clamp(columns))
        }
    }

    /// The exit status once the child has been waited for.
    var exitStatus: Int32? { state.withLock { $0.exitStatus } }

    /// Waits for the child without blocking: the status when it has exited (and is reaped now).
    func reap() -> Int32? {
        state.withLock { state in
            if let status = state.exitStatus { return status }
            var raw: Int32 = 0
            let result = waitpid(pid, &raw, WNOHANG)
            guard result == pid || (result < 0 && errno == ECHILD) else { return nil }
            let status = result == pid ? Self.shellStatus(raw) : 255
            state.exitStatus = status
            if !state.controlClosed {
                state.controlClosed = true
                close(controlFD)
            }
            return status
        }
    }

    /// Ends the child: SIGHUP at once (a terminal hang-up, what a closed ssh window means), SIGKILL
    /// after `grace` if it is still there, and waits for it in every case, polling on `eventLoop`,
    /// so no zombie and no orphan is left. The future gives the exit status.
    func terminate(on eventLoop: any EventLoop, grace: TimeAmount = .seconds(2)) -> EventLoopFuture<Int32> {
        if let status = reap() { return eventLoop.makeSucceededFuture(status) }
        Glibc.kill(-pid, SIGHUP)
        Glibc.kill(pid, SIGHUP)
        return waitForExit(on: eventLoop, killAt: .now() + grace)
    }

    /// Polls for the child's exit (it has closed its terminal, so it is about to exit).
    func waitForExit(on eventLoop: any EventLoop, killAt: NIODeadline) -> EventLoopFuture<Int32> {
        let promise = eventLoop.makePromise(of: Int32.self)
        poll(on: eventLoop, killAt: killAt, promise: promise)
        return promise.futureResult
    }

    private func poll(on eventLoop: any EventLoop, killAt: NIODeadline, promise: EventLoopPromise<Int32>) {
        if let status = reap() {
            promise.succeed(status)
            return
        }
        let overdue = NIODeadline.now() >= killAt
        if overdue {
            Glibc.kill(-pid, SIGKILL)
            Glibc.kill(pid, SIGKILL)
        }
        let deadline = overdue ? NIODeadline.distantFuture : killAt
        eventLoop.scheduleTask(in: .milliseconds(20)) { [self] in
            poll(on: eventLoop, killAt: deadline, promise: promise)
        }
    }

    /// The status as a shell reports it: the exit code, or 128 + the signal that ended it.
    static func shellStatus(_ raw: Int32) -> Int32 {
        let signal = raw & 0x7f
        return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
    }

    private static func clamp(_ value: Int) -> UInt16 { UInt16(clamping: max(1, value)) }
}
#endif
