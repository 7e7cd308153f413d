import ArenaKit
import Foundation

/// The ssh public keys linked to the account (`/auth/ssh-keys`): with one linked, `ssh` to a
/// server with an ssh port logs the player straight in.
extension APIClient {
    public func sshKeys() async throws -> [SSHKeyDTO] {
        let list: SSHKeyListDTO = try await call(.GET, "/auth/ssh-keys", body: Empty?.none)
        return list.keys
    }

    public func linkSSHKey(_ publicKey: String) async throws -> SSHKeyDTO {
        try await call(.POST, "/auth/ssh-keys", body: SSHKeyLinkRequest(publicKey: publicKey))
    }

    public func unlinkSSHKey(id: String) async throws {
        try await callWithoutResult(.DELETE, "/auth/ssh-keys/\(try pathSegment(id))", body: Empty?.none)
    }
}
