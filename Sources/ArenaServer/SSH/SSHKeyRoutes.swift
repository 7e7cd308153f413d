import ArenaKit
import Hummingbird

/// `/auth/ssh-keys`: list, link and unlink the caller's ssh public keys. Every route needs a
/// signed-in user.
struct SSHKeyRoutes: Sendable {
    let store: SSHKeyStore
    let context: ServerContext

    struct LinkRequest: Decodable {
        var publicKey: String
        enum CodingKeys: String, CodingKey { case publicKey = "public_key" }
    }

    struct KeyList: Encodable {
        var keys: [SSHKeyDTO]
    }

    func add(to router: Router<AppRequestContext>) {
        let group = router.group("auth/ssh-keys")
        group.get { _, requestContext -> Response in
            let me = try requestContext.requireIdentity()
            return try Response.json(KeyList(keys: try await store.keys(of: me.userID).map(\.dto)))
        }
        group.post { request, requestContext -> Response in
            let me = try requestContext.requireIdentity()
            let input = try await context.body.decode(LinkRequest.self, from: request)
            let key: SSHPublicKeyLine
            do {
                key = try SSHPublicKeyLine(parsing: input.publicKey)
            } catch {
                throw APIError.badRequest(
                    "invalid_public_key",
                    "Paste one OpenSSH public key line, e.g. the contents of ~/.ssh/id_ed25519.pub (ssh-ed25519 AAAA... comment)."
                )
            }
            let record = try await store.link(key, to: me.userID, now: context.clock.now())
            context.logger.info(
                "ssh key linked", metadata: ["user_id": .string(me.userID), "fingerprint": .string(record.fingerprint)])
            return try Response.json(record.dto, status: .created)
        }
        group.delete(":id") { _, requestContext -> Response in
            let me = try requestContext.requireIdentity()
            let id = requestContext.parameters.get("id") ?? ""
            guard id.utf8.count <= 64, try await store.unlink(id: id, of: me.userID) else {
                throw APIError.notFound("That key")
            }
            return .noContent
        }
    }
}
