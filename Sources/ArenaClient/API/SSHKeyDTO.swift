/// A linked ssh public key as `/auth/ssh-keys` shows it.
public struct SSHKeyDTO: Codable, Sendable, Equatable {
    public var id: String
    /// OpenSSH's `SHA256:...` form, as `ssh-keygen -lf` prints it.
    public var fingerprint: String
    public var comment: String
    public var createdAt: String

    public init(id: String, fingerprint: String, comment: String, createdAt: String) {
        self.id = id
        self.fingerprint = fingerprint
        self.comment = comment
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, fingerprint, comment
        case createdAt = "created_at"
    }
}

struct SSHKeyListDTO: Codable, Sendable {
    var keys: [SSHKeyDTO]
}

struct SSHKeyLinkRequest: Codable, Sendable {
    var publicKey: String
    enum CodingKeys: String, CodingKey { case publicKey = "public_key" }
}
