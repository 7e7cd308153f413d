import Foundation

/// Plain mode's loop: lines from stdin and events from the network go through the session; its
/// sentences go to stdout. No cursor addressing, no screen: a screen reader reads it as it comes.
/// Like the full-screen loop it sleeps in poll() until input, an event or the next timer.
final class PlainLoop {
    private var session: PlainSession
    private let events: EventQueue
    private let perform: (Effect) -> Void
    private var pending: [UInt8] = []
    private var savedTerminal: termios?
    private var echoOff = false

    init(session: PlainSession, events: EventQueue, perform: @escaping (Effect) -> Void) {
        self.session = session
        self.events = events
        self.perform = perform
        var attributes = termios()
        if isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &attributes) == 0 { savedTerminal = attributes }
    }

    func run() {
        flush()
        while !session.shouldQuit {
            let (readable, hungUp) = waitForInput()
            var effects = session.receive(.tick(Date()))
            if readable || hungUp {
                let (lines, ended) = readLines()
                for line in lines { effects += session.input(line) }
                if ended { effects += session.receive(.terminate) }
            }
            for event in events.drain().events { effects += session.receive(event) }
            for effect in effects {
                switch effect {
                case .ringBell, .quit: break
                default: perform(effect)
                }
            }
            flush()
        }
        setEcho(true)
    }

    /// Prints what the session said, and hides typing while it waits for a password.
    private func flush() {
        let lines = session.takeOutput()
        if !lines.isEmpty {
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
        setEcho(!(session.prompt?.isSecret ?? false))
    }

    private func setEcho(_ on: Bool) {
        guard var attributes = savedTerminal, echoOff == on else { return }
        if on {
            attributes.c_lflag |= tcflag_t(ECHO)
        } else {
            attributes.c_lflag &= ~tcflag_t(ECHO)
        }
        tcsetattr(STDIN_FILENO, TCSANOW, &attributes)
        echoOff = !on
    }

    private func waitForInput() -> (readable: Bool, hungUp: Bool) {
        var timeout: Int32 = -1
        if let wake = session.state.nextWake() {
            timeout = Int32(max(0, min((wake.timeIntervalSinceNow * 1000).rounded(.up), 60_000)))
        }
        var fds = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: events.wakeDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        _ = poll(&fds, nfds_t(fds.count), timeout)
        let readable = fds[0].revents & Int16(POLLIN) != 0
        let hungUp = fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
        return (readable, hungUp)
    }

    /// Whole lines read so far, and whether input ended.
    private func readLines() -> ([String], Bool) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(STDIN_FILENO, &buffer, buffer.count)
        let ended = count <= 0
        if count > 0 { pending += buffer[0..<count] }
        var lines: [String] = []
        while let newline = pending.firstIndex(of: 10) {
            var line = Array(pending[..<newline])
            pending.removeSubrange(...newline)
            if line.last == 13 { line.removeLast() }
            lines.append(String(decoding: line, as: UTF8.self))
        }
        if ended, !pending.isEmpty {
            lines.append(String(decoding: pending, as: UTF8.self))
            pending.removeAll()
        }
        return (lines, ended)
    }
}
