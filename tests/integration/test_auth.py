"""Issue 3: the Accounts service over real TLS: register, login, rotating refresh tokens, logout,
profile, password reset, roles, lockout, and every bad input answered with a clear 4xx."""

import base64
import hashlib
import hmac
import json
import re
import statistics
import subprocess
import tempfile
import threading
import time
import unicodedata
import uuid

import pytest

from conftest import BIN_DIR, Server, ws_connect

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def srv():
    """One server for the tests that need no special settings (each test uses fresh users)."""
    with tempfile.TemporaryDirectory(prefix="arena-auth-") as d:
        s = Server(d).start()
        yield s
        s.stop()


def call(server, method, path, token=None, **kw):
    """Every request in this file goes through here: whatever the input, never a 5xx."""
    r = server.request(method, path, token, **kw)
    assert r.status_code < 500, f"{method} {path} -> {r.status_code} {r.text}"
    return r


def error_code(r):
    body = r.json()
    assert set(body) == {"error"}, body
    assert body["error"]["message"], body
    return body["error"]["code"]


def new_name():
    return "u" + uuid.uuid4().hex[:12]


def register(server, username=None, password=PASSWORD, email=None, **extra):
    username = username or new_name()
    body = {"email": email or f"{username}@example.com", "username": username, "password": password, **extra}
    r = call(server, "POST", "/auth/register", json=body)
    assert r.status_code == 201, r.text
    return r.json()


def login(server, username, password=PASSWORD):
    return call(server, "POST", "/auth/login", json={"username": username, "password": password})


def claims(access_token):
    payload = access_token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def forge(secret, payload, alg="HS256"):
    """An HS256 JWT signed with `secret` (what PyJWT would make, without the dependency)."""
    header = b64url(json.dumps({"alg": alg, "typ": "JWT"}).encode())
    body = b64url(json.dumps(payload).encode())
    signing_input = f"{header}.{body}".encode()
    sig = hmac.new(secret.encode(), signing_input, hashlib.sha256).digest() if alg == "HS256" else b""
    return f"{header}.{body}.{b64url(sig)}"


def admin_cli(server, *args, stdin=None):
    return subprocess.run(
        [str(BIN_DIR / "arena-server"), "admin", *args, "--data-dir", server.data_dir],
        input=stdin, capture_output=True, text=True, timeout=30, cwd=server.data_dir,
    )


# Register -----------------------------------------------------------------------------------------


def test_register_returns_user_and_tokens(srv):
    name = new_name()
    data = register(srv, name, full_name="Ada Lovelace")
    assert data["token_type"] == "Bearer"
    assert data["expires_in"] == 900
    assert data["access_token"] and data["refresh_token"]
    user = data["user"]
    assert user["username"] == name and user["email"] == f"{name}@example.com"
    assert user["full_name"] == "Ada Lovelace" and user["avatar_url"] is None
    assert user["role"] == "player" and user["elo_rating"] == 1200
    for key in ("games_played", "games_won", "games_lost", "games_drawn"):
        assert user[key] == 0
    uuid.UUID(user["id"])
    assert user["created_at"].endswith("Z") and user["last_active"]
    c = claims(data["access_token"])
    assert c["sub"] == user["id"] and c["username"] == name and c["role"] == "player" and c["sid"]
    assert c["exp"] - c["iat"] == pytest.approx(900, abs=1)


@pytest.mark.parametrize(
    "change, code",
    [
        ({"username": "ab"}, "invalid_username"),
        ({"username": "x" * 21}, "invalid_username"),
        ({"username": "bad name!"}, "invalid_username"),
        ({"username": "ünïcode"}, "invalid_username"),
        ({"email": "not-an-email"}, "invalid_email"),
        ({"email": "a@" + "b" * 260 + ".com"}, "invalid_email"),
        ({"password": "short"}, "invalid_password"),
        ({"password": "password123"}, "invalid_password"),
        ({"password": "x" * 129}, "invalid_password"),
        ({"full_name": "n" * 101}, "invalid_full_name"),
        ({"full_name": "bell\u0007"}, "invalid_full_name"),
    ],
)
def test_register_rejects_invalid_fields(srv, change, code):
    name = new_name()
    body = {"email": f"{name}@example.com", "username": name, "password": PASSWORD, **change}
    r = call(srv, "POST", "/auth/register", json=body)
    assert r.status_code == 400
    assert error_code(r) == code


def test_register_rejects_password_containing_username(srv):
    name = new_name()
    r = call(srv, "POST", "/auth/register", json={"email": f"{name}@e.com", "username": name, "password": f"my-{name}-pw"})
    assert r.status_code == 400 and error_code(r) == "invalid_password"


@pytest.mark.parametrize("missing", ["email", "username", "password"])
def test_register_missing_field_is_named(srv, missing):
    name = new_name()
    body = {"email": f"{name}@example.com", "username": name, "password": PASSWORD}
    del body[missing]
    r = call(srv, "POST", "/auth/register", json=body)
    assert r.status_code == 400
    assert error_code(r) == "missing_field"
    assert missing in r.json()["error"]["message"]


def test_register_wrong_types_and_bad_json(srv):
    name = new_name()
    for body in (
        {"email": f"{name}@e.com", "username": 42, "password": PASSWORD},
        {"email": f"{name}@e.com", "username": name, "password": ["x"]},
        {"email": None, "username": name, "password": PASSWORD},
        {"email": f"{name}@e.com", "username": name, "password": PASSWORD, "full_name": 7},
    ):
        r = call(srv, "POST", "/auth/register", json=body)
        assert r.status_code == 400 and error_code(r) in {"invalid_type", "missing_field"}, body
    for raw in (b"{not json", b"[]", b'"text"', b""):
        r = call(srv, "POST", "/auth/register", data=raw, headers={"Content-Type": "application/json"})
        assert r.status_code == 400, raw


def test_duplicate_username_and_email_say_which(srv):
    name = new_name()
    register(srv, name)
    r = call(srv, "POST", "/auth/register", json={"email": f"other-{name}@e.com", "username": name.upper(), "password": PASSWORD})
    assert r.status_code == 409 and error_code(r) == "username_taken"
    assert "username" in r.json()["error"]["message"].lower()
    r = call(srv, "POST", "/auth/register", json={"email": f"{name.upper()}@EXAMPLE.com", "username": new_name(), "password": PASSWORD})
    assert r.status_code == 409 and error_code(r) == "email_taken"
    assert "email" in r.json()["error"]["message"].lower()


def test_concurrent_duplicate_registrations_give_one_account(srv):
    name = new_name()
    body = {"email": f"{name}@example.com", "username": name, "password": PASSWORD}
    codes = []

    def attempt():
        codes.append(call(srv, "POST", "/auth/register", json=body).status_code)

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [201, 409, 409, 409]


# Login --------------------------------------------------------------------------------------------


def test_login_by_username_email_and_any_case(srv):
    name = new_name()
    first = register(srv, name)
    for who in (name, name.upper(), f"{name}@example.com", f"{name.upper()}@EXAMPLE.COM"):
        r = login(srv, who)
        assert r.status_code == 200, who
        data = r.json()
        assert data["user"]["id"] == first["user"]["id"] and data["user"]["email"]
        assert data["token_type"] == "Bearer" and data["refresh_token"] != first["refresh_token"]
        assert data["user"]["last_active"] >= first["user"]["last_active"]


def test_unknown_user_and_wrong_password_look_the_same(srv):
    name = new_name()
    register(srv, name)
    wrong, unknown = [], []
    for _ in range(3):
        t = time.monotonic()
        a = login(srv, name, "not the password at all")
        wrong.append(time.monotonic() - t)
        t = time.monotonic()
        b = login(srv, "nobody-" + uuid.uuid4().hex[:8], "not the password at all")
        unknown.append(time.monotonic() - t)
        assert a.status_code == b.status_code == 401
        assert a.json() == b.json()
        assert error_code(a) == "invalid_credentials"
    # Both pay for one Argon2 verification; a missing user that answered at once would be far faster.
    assert statistics.median(unknown) > 0.4 * statistics.median(wrong)


def test_login_bad_inputs(srv):
    for body in ({"username": "x"}, {"password": PASSWORD}, {"username": 1, "password": PASSWORD}, {"username": "x", "password": None}):
        r = call(srv, "POST", "/auth/login", json=body)
        assert r.status_code == 400, body
    for body in ({"username": "", "password": PASSWORD}, {"username": "x" * 300, "password": PASSWORD}, {"username": "x", "password": "p" * 5000}):
        r = call(srv, "POST", "/auth/login", json=body)
        assert r.status_code == 400 and error_code(r) in {"invalid_username", "invalid_password"}, body
    r = call(srv, "POST", "/auth/login", data=b"{{", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and error_code(r) == "invalid_json"


def test_unicode_password_in_either_normal_form(srv):
    name = new_name()
    composed = unicodedata.normalize("NFC", "Pässwörd çafé ñ ✓ 密码")
    register(srv, name, password=composed)
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed.encode() != composed.encode()
    assert login(srv, name, composed).status_code == 200
    assert login(srv, name, decomposed).status_code == 200
    assert login(srv, name, "Passwörd çafé ñ ✓ 密码").status_code == 401


def test_failed_logins_lock_the_account_with_retry_after(server_factory):
    s = server_factory({"login_lockout_base_seconds": "30", "login_lockout_max_seconds": "60"})
    name = new_name()
    register(s, name)
    assert [login(s, name, "wrong password 1").status_code for _ in range(3)] == [401, 401, 401]
    r = login(s, name)  # even the right password waits out the lock
    assert r.status_code == 429 and error_code(r) == "rate_limited"
    assert 1 <= int(r.headers["Retry-After"]) <= 30
    other = new_name()  # another account is not affected
    register(s, other)
    assert login(s, other).status_code == 200


def test_successful_login_resets_failure_count(server_factory):
    s = server_factory({"login_lockout_base_seconds": "30"})
    name = new_name()
    register(s, name)
    for _ in range(2):
        assert login(s, name, "wrong password 1").status_code == 401
    assert login(s, name).status_code == 200
    for _ in range(2):
        assert login(s, name, "wrong password 1").status_code == 401
    assert login(s, name).status_code == 200


# Access tokens ------------------------------------------------------------------------------------


def test_profile_needs_a_valid_token(srv):
    data = register(srv)
    r = call(srv, "GET", "/auth/profile", data["access_token"])
    assert r.status_code == 200 and r.json()["email"] == data["user"]["email"]
    r = call(srv, "GET", "/auth/profile")
    assert r.status_code == 401
    for bad in ("garbage", "a.b.c", "x" * 5000, data["access_token"][:-3] + "abc", "eyJhbGciOiJub25lIn0.e30."):
        r = call(srv, "GET", "/auth/profile", bad)
        assert r.status_code == 401 and error_code(r) == "invalid_token", bad
    r = call(srv, "GET", "/auth/profile", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert r.status_code == 401


def test_forged_tokens_are_refused(srv):
    data = register(srv)
    c = claims(data["access_token"])
    with open(f"{srv.data_dir}/jwt.secret") as f:
        secret = f.read().strip()
    assert len(secret) >= 32
    # The real secret makes a token the server accepts: the forging helper is right.
    good = forge(secret, c)
    assert call(srv, "GET", "/auth/profile", good).status_code == 200
    # Wrong secret, alg none, a raised role without the secret: all refused.
    assert error_code(call(srv, "GET", "/auth/profile", forge("w" * 64, c))) == "invalid_token"
    assert error_code(call(srv, "GET", "/auth/profile", forge(secret, c, alg="none"))) == "invalid_token"
    header, _, sig = data["access_token"].split(".")
    raised = b64url(json.dumps({**c, "role": "admin"}).encode())
    assert error_code(call(srv, "GET", "/auth/profile", f"{header}.{raised}.{sig}")) == "invalid_token"
    # Expired, signed with the real secret.
    expired = forge(secret, {**c, "iat": time.time() - 120, "exp": time.time() - 60})
    r = call(srv, "GET", "/auth/profile", expired)
    assert r.status_code == 401 and error_code(r) == "token_expired"
    # Unknown role or missing claims.
    assert error_code(call(srv, "GET", "/auth/profile", forge(secret, {**c, "role": "god"}))) == "invalid_token"
    assert error_code(call(srv, "GET", "/auth/profile", forge(secret, {"sub": c["sub"]}))) == "invalid_token"


# Refresh ------------------------------------------------------------------------------------------


def test_refresh_rotates(srv):
    data = register(srv)
    r = call(srv, "POST", "/auth/refresh", json={"refresh_token": data["refresh_token"]})
    assert r.status_code == 200
    fresh = r.json()
    assert fresh["refresh_token"] != data["refresh_token"]
    assert fresh["user"]["id"] == data["user"]["id"] and fresh["token_type"] == "Bearer"
    assert claims(fresh["access_token"])["sid"] == claims(data["access_token"])["sid"]
    assert call(srv, "GET", "/auth/profile", fresh["access_token"]).status_code == 200
    again = call(srv, "POST", "/auth/refresh", json={"refresh_token": fresh["refresh_token"]})
    assert again.status_code == 200


def test_spent_refresh_token_within_grace_gets_a_pair_of_the_same_session(srv):
    data = register(srv)
    first = call(srv, "POST", "/auth/refresh", json={"refresh_token": data["refresh_token"]})
    racing = call(srv, "POST", "/auth/refresh", json={"refresh_token": data["refresh_token"]})
    assert first.status_code == racing.status_code == 200
    assert claims(racing.json()["access_token"])["sid"] == claims(first.json()["access_token"])["sid"]
    assert call(srv, "POST", "/auth/refresh", json={"refresh_token": first.json()["refresh_token"]}).status_code == 200


def test_reused_refresh_token_revokes_the_family(server_factory):
    s = server_factory({"refresh_reuse_grace_seconds": "0"})
    data = register(s)
    other = login(s, data["user"]["username"]).json()  # another session of the same user
    rotated = call(s, "POST", "/auth/refresh", json={"refresh_token": data["refresh_token"]}).json()
    r = call(s, "POST", "/auth/refresh", json={"refresh_token": data["refresh_token"]})
    assert r.status_code == 401 and error_code(r) == "refresh_token_reused"
    # Every token of that login is dead: the successor refresh token and both access tokens.
    r = call(s, "POST", "/auth/refresh", json={"refresh_token": rotated["refresh_token"]})
    assert r.status_code == 401 and error_code(r) == "invalid_refresh_token"
    for token in (data["access_token"], rotated["access_token"]):
        r = call(s, "GET", "/auth/profile", token)
        assert r.status_code == 401 and error_code(r) == "session_revoked"
    # The other login is untouched.
    assert call(s, "GET", "/auth/profile", other["access_token"]).status_code == 200
    assert call(s, "POST", "/auth/refresh", json={"refresh_token": other["refresh_token"]}).status_code == 200


def revoked_status(server, token):
    r = call(server, "GET", "/auth/profile", token)
    return r.status_code, error_code(r) if r.status_code != 200 else None


def test_revocation_survives_restart(server_factory):
    # No response object is kept across a restart: each holds its keep-alive connection open, and a
    # graceful stop waits for open connections.
    s = server_factory()
    data = register(s)
    assert call(s, "POST", "/auth/logout", data["access_token"]).status_code == 204
    s.restart()
    assert revoked_status(s, data["access_token"]) == (401, "session_revoked")
    # The signing secret was kept: a fresh login's token works after another restart.
    fresh = login(s, data["user"]["username"]).json()
    s.restart()
    assert revoked_status(s, fresh["access_token"]) == (200, None)


def test_refresh_bad_inputs(srv):
    for body, status in (
        ({}, 400),
        ({"refresh_token": 5}, 400),
        ({"refresh_token": None}, 400),
        ({"refresh_token": ""}, 401),
        ({"refresh_token": "unknown-token"}, 401),
        ({"refresh_token": "r" * 10000}, 401),
    ):
        r = call(srv, "POST", "/auth/refresh", json=body)
        assert r.status_code == status, body
        if status == 401:
            assert error_code(r) == "invalid_refresh_token"
    r = call(srv, "POST", "/auth/refresh", data=b"nope", headers={"Content-Type": "application/json"})
    assert r.status_code == 400


# Logout -------------------------------------------------------------------------------------------


def test_logout_with_access_token_ends_that_session_only(srv):
    data = register(srv)
    other = login(srv, data["user"]["username"]).json()
    r = call(srv, "POST", "/auth/logout", data["access_token"])
    assert r.status_code == 204 and r.content == b""
    r = call(srv, "GET", "/auth/profile", data["access_token"])
    assert r.status_code == 401 and error_code(r) == "session_revoked"
    r = call(srv, "POST", "/auth/refresh", json={"refresh_token": data["refresh_token"]})
    assert r.status_code == 401
    assert call(srv, "GET", "/auth/profile", other["access_token"]).status_code == 200


def test_logout_with_refresh_token_only(srv):
    data = register(srv)
    r = call(srv, "POST", "/auth/logout", json={"refresh_token": data["refresh_token"]})
    assert r.status_code == 204
    assert call(srv, "POST", "/auth/refresh", json={"refresh_token": data["refresh_token"]}).status_code == 401
    assert error_code(call(srv, "GET", "/auth/profile", data["access_token"])) == "session_revoked"


def test_logout_bad_inputs(srv):
    assert call(srv, "POST", "/auth/logout").status_code == 401
    assert call(srv, "POST", "/auth/logout", json={}).status_code == 401
    r = call(srv, "POST", "/auth/logout", json={"refresh_token": "unknown"})
    assert r.status_code == 401 and error_code(r) == "invalid_refresh_token"
    assert call(srv, "POST", "/auth/logout", json={"refresh_token": 12}).status_code == 400
    r = call(srv, "POST", "/auth/logout", data=b"{bad", headers={"Content-Type": "application/json"})
    assert r.status_code == 400
    assert call(srv, "POST", "/auth/logout", "garbage-token").status_code == 401


def test_logout_closes_the_sessions_websocket(srv):
    from websockets.exceptions import ConnectionClosed

    data = register(srv)
    with ws_connect(srv, data["access_token"]) as ws:
        assert call(srv, "POST", "/auth/logout", data["access_token"]).status_code == 204
        with pytest.raises(ConnectionClosed):
            for _ in range(100):  # frames already queued may arrive first; the close must follow
                ws.recv(timeout=10)


def test_logout_all_ends_every_session(srv):
    data = register(srv)
    sessions = [data] + [login(srv, data["user"]["username"]).json() for _ in range(2)]
    assert call(srv, "POST", "/auth/logout-all").status_code == 401
    assert call(srv, "POST", "/auth/logout-all", sessions[1]["access_token"]).status_code == 204
    for s in sessions:
        assert error_code(call(srv, "GET", "/auth/profile", s["access_token"])) == "session_revoked"
        assert call(srv, "POST", "/auth/refresh", json={"refresh_token": s["refresh_token"]}).status_code == 401
    assert login(srv, data["user"]["username"]).status_code == 200


# Profile ------------------------------------------------------------------------------------------


def test_profile_update_fields(srv):
    data = register(srv)
    token = data["access_token"]
    r = call(srv, "PUT", "/auth/profile", token, json={"full_name": "  Grace Hopper ", "avatar_url": "https://example.com/a.png"})
    assert r.status_code == 200
    user = r.json()
    assert user["full_name"] == "Grace Hopper" and user["avatar_url"] == "https://example.com/a.png"
    assert user["email"] == data["user"]["email"]
    new_email = f"new-{uuid.uuid4().hex[:8]}@example.org"
    r = call(srv, "PUT", "/auth/profile", token, json={"email": new_email, "full_name": "", "avatar_url": ""})
    assert r.status_code == 200
    assert r.json()["email"] == new_email and r.json()["full_name"] is None and r.json()["avatar_url"] is None
    assert call(srv, "GET", "/auth/profile", token).json()["email"] == new_email
    assert login(srv, new_email).status_code == 200


def test_profile_update_bad_inputs(srv):
    data = register(srv)
    taken = register(srv)
    token = data["access_token"]
    for body, status, code in (
        ({"email": taken["user"]["email"].upper()}, 409, "email_taken"),
        ({"email": "nope"}, 400, "invalid_email"),
        ({"avatar_url": "javascript:alert(1)"}, 400, "invalid_avatar_url"),
        ({"avatar_url": "https://e.com/" + "a" * 600}, 400, "invalid_avatar_url"),
        ({"full_name": "x" * 101}, 400, "invalid_full_name"),
        ({"full_name": 3}, 400, "invalid_type"),
        ({"email": ["a@b.co"]}, 400, "invalid_type"),
    ):
        r = call(srv, "PUT", "/auth/profile", token, json=body)
        assert r.status_code == status and error_code(r) == code, body
    assert call(srv, "PUT", "/auth/profile", json={"full_name": "x"}).status_code == 401
    r = call(srv, "PUT", "/auth/profile", token, data=b"[", headers={"Content-Type": "application/json"})
    assert r.status_code == 400
    assert call(srv, "GET", "/auth/profile", token).json()["email"] == data["user"]["email"]


def test_password_change_needs_current_password_and_ends_other_sessions(srv):
    data = register(srv)
    name = data["user"]["username"]
    other = login(srv, name).json()
    token = data["access_token"]
    new = "a brand new passphrase ✓"
    r = call(srv, "PUT", "/auth/profile", token, json={"new_password": new})
    assert r.status_code == 400 and error_code(r) == "missing_field"
    r = call(srv, "PUT", "/auth/profile", token, json={"new_password": new, "current_password": "wrong password!"})
    assert r.status_code == 403 and error_code(r) == "wrong_password"
    r = call(srv, "PUT", "/auth/profile", token, json={"new_password": "short", "current_password": PASSWORD})
    assert r.status_code == 400 and error_code(r) == "invalid_new_password"
    assert login(srv, name).status_code == 200  # nothing changed yet
    r = call(srv, "PUT", "/auth/profile", token, json={"new_password": new, "current_password": PASSWORD})
    assert r.status_code == 200
    assert call(srv, "GET", "/auth/profile", token).status_code == 200  # this session stays
    assert error_code(call(srv, "GET", "/auth/profile", other["access_token"])) == "session_revoked"
    assert login(srv, name).status_code == 401
    assert login(srv, name, new).status_code == 200


# Password reset -----------------------------------------------------------------------------------

RESET_LINE = re.compile(r'"reset_token":"([A-Za-z0-9_-]+)"')


def wait_for_reset_token(server, username, timeout=10):
    """The dev-mode log line is written just after the 202; wait for it (an event, not a fixed sleep)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in reversed(server.lines):
            if '"password reset token"' in line and f'"username":"{username}"' in line:
                return RESET_LINE.search(line).group(1)
        time.sleep(0.02)
    raise AssertionError("no reset token in the log")


def test_password_reset_via_dev_log(srv):
    data = register(srv)
    name = data["user"]["username"]
    known = call(srv, "POST", "/auth/password-reset", json={"email": data["user"]["email"]})
    unknown = call(srv, "POST", "/auth/password-reset", json={"email": f"nobody-{uuid.uuid4().hex[:6]}@example.com"})
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    token = wait_for_reset_token(srv, name)
    r = call(srv, "POST", "/auth/password-reset/confirm", json={"token": token, "new_password": "weak"})
    assert r.status_code == 400 and error_code(r) == "invalid_new_password"
    new = "reset passphrase Ωmega"
    r = call(srv, "POST", "/auth/password-reset/confirm", json={"token": token, "new_password": new})
    assert r.status_code == 204
    assert error_code(call(srv, "GET", "/auth/profile", data["access_token"])) == "session_revoked"
    assert call(srv, "POST", "/auth/refresh", json={"refresh_token": data["refresh_token"]}).status_code == 401
    assert login(srv, name).status_code == 401
    assert login(srv, name, new).status_code == 200
    r = call(srv, "POST", "/auth/password-reset/confirm", json={"token": token, "new_password": "another good one"})
    assert r.status_code == 400 and error_code(r) == "invalid_reset_token"


def test_password_reset_via_admin_command(srv):
    data = register(srv)
    name = data["user"]["username"]
    p = admin_cli(srv, "reset-token", name)
    assert p.returncode == 0, p.stderr
    token = p.stdout.strip()
    assert re.fullmatch(r"[A-Za-z0-9_-]{40,}", token)
    assert token not in srv.log_text()
    r = call(srv, "POST", "/auth/password-reset/confirm", json={"token": token, "new_password": "set by the operator"})
    assert r.status_code == 204
    assert login(srv, name, "set by the operator").status_code == 200
    p = admin_cli(srv, "reset-token", "no-such-user")
    assert p.returncode != 0 and "not found" in p.stderr


def test_password_reset_bad_inputs(srv):
    for body in ({}, {"email": 5}, {"email": "not an email"}, {"email": "a@" + "b" * 300 + ".com"}):
        r = call(srv, "POST", "/auth/password-reset", json=body)
        assert r.status_code == 400, body
    for body, status in (
        ({"token": "nope", "new_password": "a fine new password"}, 400),
        ({"token": "", "new_password": "a fine new password"}, 400),
        ({"token": "t" * 10000, "new_password": "a fine new password"}, 400),
        ({"token": "nope"}, 400),
        ({"new_password": "a fine new password"}, 400),
        ({"token": 1, "new_password": "a fine new password"}, 400),
    ):
        r = call(srv, "POST", "/auth/password-reset/confirm", json=body)
        assert r.status_code == status, body
    r = call(srv, "POST", "/auth/password-reset/confirm", json={"token": "nope", "new_password": "a fine new password"})
    assert error_code(r) == "invalid_reset_token"


# Roles --------------------------------------------------------------------------------------------


def test_admin_commands_and_role_endpoint(srv):
    admin_name = new_name()
    p = admin_cli(srv, "create-admin", admin_name, f"{admin_name}@example.com", stdin=PASSWORD + "\n")
    assert p.returncode == 0, p.stderr
    admin = login(srv, admin_name).json()
    assert admin["user"]["role"] == "admin" and claims(admin["access_token"])["role"] == "admin"

    target = register(srv)
    name = target["user"]["username"]
    path = f"/admin/users/{name}/role"
    r = call(srv, "PUT", path, target["access_token"], json={"role": "admin"})
    assert r.status_code == 403
    assert call(srv, "PUT", path, json={"role": "admin"}).status_code == 401
    r = call(srv, "PUT", path, admin["access_token"], json={"role": "emperor"})
    assert r.status_code == 400 and error_code(r) == "invalid_role"
    assert call(srv, "PUT", path, admin["access_token"], json={}).status_code == 400
    assert call(srv, "PUT", "/admin/users/nobody-here/role", admin["access_token"], json={"role": "moderator"}).status_code == 404
    assert call(srv, "PUT", f"/admin/users/{admin_name}/role", admin["access_token"], json={"role": "player"}).status_code == 403

    r = call(srv, "PUT", path, admin["access_token"], json={"role": "moderator"})
    assert r.status_code == 200 and r.json()["role"] == "moderator" and "email" not in r.json()
    # The old token carried the old role: that session is over, a new login carries the new one.
    assert error_code(call(srv, "GET", "/auth/profile", target["access_token"])) == "session_revoked"
    again = login(srv, name).json()
    assert claims(again["access_token"])["role"] == "moderator"

    p = admin_cli(srv, "set-role", name, "player")
    assert p.returncode == 0, p.stderr
    assert claims(login(srv, name).json()["access_token"])["role"] == "player"
    # The running server refuses the ended session's next refresh.
    assert call(srv, "POST", "/auth/refresh", json={"refresh_token": again["refresh_token"]}).status_code == 401


def test_admin_command_refusals(srv):
    name = new_name()
    p = admin_cli(srv, "create-admin", name, "bad-email", "--password", PASSWORD)
    assert p.returncode != 0 and "Email" in p.stderr
    p = admin_cli(srv, "create-admin", name, f"{name}@e.com", "--password", "short")
    assert p.returncode != 0 and "Password" in p.stderr
    p = admin_cli(srv, "set-role", name, "player")
    assert p.returncode != 0 and "not found" in p.stderr
    taken = register(srv)
    p = admin_cli(srv, "set-role", taken["user"]["username"], "king")
    assert p.returncode != 0 and "Role must be one of" in p.stderr
    p = admin_cli(srv, "create-admin", taken["user"]["username"], f"{name}@e.com", "--password", PASSWORD)
    assert p.returncode != 0 and "taken" in p.stderr
