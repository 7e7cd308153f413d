import ArenaClient
import Foundation
import NIOSSL

/// The client from the command line to the last frame: settings, trust, the terminal, the loop.
public enum ArenaLauncher {
    public struct Options: Sendable {
        public var server: String?
        public var theme: String?
        public var trustAnyNew: Bool
        public var trustFingerprint: String?
        /// Accessible line mode: sentences on stdout, commands on stdin, no screen drawing.
        public var plain: Bool

        public init(server: String?, theme: String?, trustAnyNew: Bool, trustFingerprint: String?, plain: Bool = false)
        {
            self.server = server
            self.theme = theme
            self.trustAnyNew = trustAnyNew
            self.trustFingerprint = trustFingerprint
            self.plain = plain
        }
    }

    /// Runs the client and returns the process exit status.
    public static func run(_ options: Options) async -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let paths = ClientPaths.resolve(environment: environment)
        var config = ClientConfig.load(from: paths.configFile)

        let serverText = options.server ?? config.server ?? "localhost:\(ServerAddress.defaultPort)"
        guard let server = ServerAddress(parsing: serverText) else {
            printError("\"\(serverText)\" is not a server address: use HOST:PORT.")
            return 2
        }
        let themeName = options.theme ?? config.theme ?? "classic"
        let theme: Theme
        do {
            theme = try ThemeLoader.load(name: themeName, paths: paths)
        } catch {
            printError("\(error)")
            return 2
        }
        if !theme.problems.isEmpty {
            printError("Theme \(themeName): ignored \(theme.problems.joined(separator: "; ")).")
        }
        let (bindings, keyProblems) = KeyBindings.from(config: config.other)
        if !keyProblems.isEmpty {
            printError("\(paths.configFile): ignored \(keyProblems.joined(separator: "; ")).")
        }

        var fingerprint: Fingerprint?
        if let text = options.trustFingerprint ?? environment["ARENA_TRUST_FINGERPRINT"], !text.isEmpty {
            guard let parsed = Fingerprint(parsing: text) else {
                printError("\"\(text)\" is not a SHA-256 fingerprint (64 hex digits, colons optional).")
                return 2
            }
            fingerprint = parsed
        }

        let certificate: NIOSSLCertificate
        do {
            certificate = try await ServerTrust.establish(
                server: server, paths: paths,
                preapproval: .init(fingerprint: fingerprint, acceptAnyNew: options.trustAnyNew),
                ask: askYesNo)
        } catch {
            printError("\(error)")
            return 1
        }

        if options.server != nil || options.theme != nil {
            if options.server != nil { config.server = server.description }
            if options.theme != nil { config.theme = themeName }
            try? paths.ensureDirectory()
            try? config.save(to: paths.configFile)
        }

        let events: EventQueue
        do {
            events = try EventQueue()
        } catch {
            printError("Cannot set up the event loop: \(error)")
            return 1
        }
        let sessionFile = SessionFile(paths: paths, server: server)
        let runner = EffectRunner(
            server: server, tls: PinnedTLS.configuration(pinning: certificate), events: events, sessionFile: sessionFile
        )
        var state = AppState(serverName: server.description)
        state.bindings = bindings
        // The answer arrives through the event queue, so the loop started below picks it up.
        if let remembered = sessionFile.load() {
            for effect in state.resumeSession(username: remembered.username) { runner.perform(effect) }
        }
        if options.plain {
            await runPlain(state: state, events: events, runner: runner)
        } else {
            await runOnUIThread(state: state, theme: theme, events: events, runner: runner)
        }
        await runner.shutdown()
        return 0
    }

    /// ncurses lives on one dedicated thread, which blocks in poll() between frames.
    private static func runOnUIThread(state: AppState, theme: Theme, events: EventQueue, runner: EffectRunner) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                let signals = SignalWatcher(events: events)
                let terminal = NcursesTerminal(theme: theme)
                let loop = RunLoop(state: state, terminal: terminal, events: events, perform: runner.perform)
                loop.run()
                terminal.restore()
                signals.cancel()
                continuation.resume()
            }
            thread.name = "arena-ui"
            thread.start()
        }
    }

    /// Plain mode blocks in poll() too, so it gets its own thread like the screen does.
    private static func runPlain(state: AppState, events: EventQueue, runner: EffectRunner) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                let signals = SignalWatcher(events: events)
                let loop = PlainLoop(session: PlainSession(state: state), events: events, perform: runner.perform)
                loop.run()
                signals.cancel()
                continuation.resume()
            }
            thread.name = "arena-plain"
            thread.start()
        }
    }

    private static func askYesNo(_ question: String) -> Bool {
        FileHandle.standardOutput.write(Data(question.utf8))
        guard let answer = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces).lowercased() else {
            return false
        }
        return answer == "y" || answer == "yes"
    }

    private static func printError(_ message: String) {
        FileHandle.standardError.write(Data(("arena: " + message + "\n").utf8))
    }
}
