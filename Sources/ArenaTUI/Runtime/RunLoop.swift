import Foundation

/// The UI thread's loop: sleep in poll() until a key, a posted event or the next visible timer,
/// then apply everything pending and draw one frame. Nothing else ever touches the terminal.
public final class RunLoop {
    public private(set) var state: AppState
    private let terminal: any TerminalDevice
    private let events: EventQueue
    private let perform: (Effect) -> Void
    private let clock: () -> Date
    private var shownTitle: String?

    public init(
        state: AppState, terminal: any TerminalDevice, events: EventQueue, clock: @escaping () -> Date = Date.init,
        perform: @escaping (Effect) -> Void
    ) {
        var initial = state
        initial.size = terminal.size
        initial.unicode = terminal.unicode
        self.state = initial
        self.terminal = terminal
        self.events = events
        self.perform = perform
        self.clock = clock
    }

    /// Runs until the state asks to quit.
    public func run() {
        state.now = clock()
        draw()
        while !state.shouldQuit {
            let hungUp = waitForInput()
            var batch: [AppEvent] = [.tick(clock())]
            if hungUp { batch.append(.terminate) }
            batch += terminal.readEvents()
            let drained = events.drain()
            if drained.windowChanged { batch.append(.resized(terminal.windowChanged())) }
            batch += drained.events
            for event in batch { apply(event) }
            draw()
        }
    }

    public func apply(_ event: AppEvent) {
        let effects = state.apply(event)
        for effect in effects {
            switch effect {
            case .ringBell: terminal.bell()
            default: perform(effect)
            }
        }
    }

    private func draw() {
        var buffer = ScreenBuffer(width: terminal.size.width, height: terminal.size.height, glyphs: state.glyphs)
        state.size = terminal.size
        render(state, into: &buffer)
        terminal.draw(buffer)
        let title = state.terminalTitle
        if title != shownTitle {
            terminal.setTitle(title)
            shownTitle = title
        }
    }

    /// Returns true when the terminal went away (its input hung up).
    private func waitForInput() -> Bool {
        var timeout: Int32 = -1
        if let wake = state.nextWake() {
            let milliseconds = wake.timeIntervalSince(clock()) * 1000
            timeout = Int32(max(0, min(milliseconds.rounded(.up), 60_000)))
        }
        var fds = [
            pollfd(fd: terminal.inputDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: events.wakeDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        // EINTR (a signal) simply ends the wait: the signal's event is already in the queue.
        _ = poll(&fds, nfds_t(fds.count), timeout)
        return fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }
}
