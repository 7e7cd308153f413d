import Dispatch
import Foundation

/// Turns SIGINT, SIGTERM, SIGHUP and SIGWINCH into queue events through DispatchSources, so no
/// work ever happens inside a raw signal handler and the UI thread restores the terminal itself.
final class SignalWatcher {
    private var sources: [any DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "arena.signals")

    init(events: EventQueue) {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { events.post(.terminate) }
            source.resume()
            sources.append(source)
        }
        let resize = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: queue)
        resize.setEventHandler { events.noteWindowChanged() }
        resize.resume()
        sources.append(resize)
    }

    func cancel() {
        for source in sources { source.cancel() }
        sources.removeAll()
    }
}
