/// The screen and keyboard as the run loop needs them. ncurses implements it for real; tests can
/// drive the loop with a fake.
public protocol TerminalDevice: AnyObject {
    var size: Size { get }
    /// Whether box-drawing characters can be shown (a UTF-8 locale).
    var unicode: Bool { get }
    /// The file descriptor to wait on for input.
    var inputDescriptor: Int32 { get }
    /// Every key, click and resize waiting now, without blocking.
    func readEvents() -> [AppEvent]
    /// Re-reads the window size after SIGWINCH.
    func windowChanged() -> Size
    /// Shows a frame; only cells that changed since the last frame are written.
    func draw(_ buffer: ScreenBuffer)
    func bell()
    /// Sets the window title, where the terminal has one.
    func setTitle(_ title: String)
    /// Gives the terminal back as it was. Safe to call more than once.
    func restore()
}
