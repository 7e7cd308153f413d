import Foundation
import Synchronization

/// Where network tasks and signal handlers leave events for the UI thread. Posting writes one
/// byte to a pipe, which wakes the loop out of poll(); the loop then drains everything at once.
public final class EventQueue: Sendable {
    private let pending = Mutex<[AppEvent]>([])
    private let windowDidChange = Atomic<Bool>(false)
    public let wakeDescriptor: Int32
    private let writeDescriptor: Int32

    public init() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        wakeDescriptor = fds[0]
        writeDescriptor = fds[1]
    }

    deinit {
        close(wakeDescriptor)
        close(writeDescriptor)
    }

    public func post(_ event: AppEvent) {
        pending.withLock { $0.append(event) }
        wake()
    }

    public func noteWindowChanged() {
        windowDidChange.store(true, ordering: .releasing)
        wake()
    }

    private func wake() {
        var byte: UInt8 = 1
        // A full pipe already guarantees a wake-up, so EAGAIN is fine to ignore.
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Everything posted since the last drain, and whether the window changed meanwhile.
    public func drain() -> (events: [AppEvent], windowChanged: Bool) {
        var scratch = [UInt8](repeating: 0, count: 256)
        while read(wakeDescriptor, &scratch, scratch.count) > 0 {}
        let events = pending.withLock { events in
            defer { events.removeAll() }
            return events
        }
        return (events, windowDidChange.exchange(false, ordering: .acquiring))
    }
}
