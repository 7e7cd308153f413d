import ArenaClient

/// The profile's ssh keys panel: the keys linked to the account (with one linked, `ssh` to a
/// server's ssh port logs the player straight in), a field to paste a new one, removal.
public struct SSHKeysPanel: Sendable, Equatable {
    public enum Focus: Sendable, Hashable {
        case field, list
    }

    /// Long enough for any OpenSSH public key line (an RSA 4096 one is about 750 characters).
    static let draftLimit = 4096

    public var keys: [SSHKeyDTO] = []
    public var loaded = false
    public var selected = 0
    public var draft = ""
    public var focus = Focus.field
    public var busy = false
    public var message: String?
    public var messageIsError = false
    /// The key the player asked to remove, waiting for y / n.
    public var confirmRemove: SSHKeyDTO?

    public init() {}

    public var selectedKey: SSHKeyDTO? { keys.indices.contains(selected) ? keys[selected] : nil }

    mutating func show(_ message: String, error: Bool) {
        self.message = message
        messageIsError = error
    }
}
