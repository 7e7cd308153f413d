import ArenaKit
import Hummingbird

/// The `/auth` endpoints of the contract, `POST /auth/logout-all` and the admin role endpoint.
/// Handlers decode, call `AuthService`, and encode; nothing else.
struct AuthRoutes {
    let service: AuthService
    let body: RequestBody

    /// Logout's body is optional, and may omit the token.
    struct LogoutRequest: Decodable {
        var refreshToken: String?
        enum CodingKeys: String, CodingKey { case refreshToken = "refresh_token" }
    }

    struct RoleChangeRequest: Decodable {
        var role: String
    }

    func add(to router: Router<AppRequestContext>) {
        let auth = router.group("auth")
        auth.post("register") { request, _ -> Response in
            let input = try await body.decode(RegisterRequest.self, from: request)
            return try Response.json(try await service.register(input), status: .created)
        }
        auth.post("login") { request, context -> Response in
            let input = try await body.decode(LoginRequest.self, from: request)
            return try Response.json(try await service.login(input, ip: context.remoteIP))
        }
        auth.post("refresh") { request, _ -> Response in
            let input = try await body.decode(RefreshRequest.self, from: request)
            return try Response.json(try await service.refresh(input.refreshToken))
        }
        auth.post("logout") { request, context -> Response in
            let input = try await body.decodeIfPresent(LogoutRequest.self, from: request)
            try await service.logout(identity: context.identity, refreshToken: input?.refreshToken)
            return .noContent
        }
        auth.post("logout-all") { _, context -> Response in
            try await service.logoutAll(try context.requireIdentity())
            return .noContent
        }
        auth.get("profile") { _, context -> Response in
            try Response.json(try await service.profile(try context.requireIdentity()))
        }
        auth.put("profile") { request, context -> Response in
            let identity = try context.requireIdentity()
            let input = try await body.decode(ProfileUpdateRequest.self, from: request)
            return try Response.json(try await service.updateProfile(identity, input))
        }
        auth.post("password-reset") { request, _ -> Response in
            let input = try await body.decode(PasswordResetRequest.self, from: request)
            try service.requestPasswordReset(email: input.email)
            return try Response.json(
                ["status": "accepted", "message": "If an account has that email, a reset token is on its way."],
                status: .accepted)
        }
        auth.post("password-reset/confirm") { request, _ -> Response in
            let input = try await body.decode(PasswordResetConfirm.self, from: request)
            try await service.confirmPasswordReset(input)
            return .noContent
        }
        router.put("admin/users/:username/role") { request, context -> Response in
            let admin = try context.require(role: .admin)
            let username = try context.parameters.require("username")
            let input = try await body.decode(RoleChangeRequest.self, from: request)
            return try Response.json(try await service.setRole(username: username, role: input.role, by: admin))
        }
    }
}
