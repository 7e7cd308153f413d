"""Holds the served OpenAPI document against the real server with schemathesis, every check on.

The spec is fetched from the running server (`GET /openapi.yaml`), so what is tested is what
clients get. Schemathesis generates valid and invalid requests for every operation (examples,
coverage, fuzzing and stateful phases) and fails on a 5xx, an undocumented status code, a response
that breaks its schema or content type, a missing documented header (the security headers and
X-Request-ID are documented as required on every response), a 404 instead of 405 for an
unsupported method, an endpoint that ignores its auth, invalid data accepted and valid data refused.

Run alone: python3 -m pytest -q -p no:cacheprovider tests/integration/test_schemathesis.py
Environment: ARENA_SCHEMATHESIS_EXAMPLES (default 30 per operation),
ARENA_SCHEMATHESIS_SEED (default fixed so CI is reproducible; "random" for a fresh one).
"""

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

EXAMPLES = int(os.environ.get("ARENA_SCHEMATHESIS_EXAMPLES", "30"))
SEED = os.environ.get("ARENA_SCHEMATHESIS_SEED", "20261126")

# Cheap password hashing and no login lockout: the fuzzer registers and signs in hundreds of times,
# and lockouts (429) would only hide the answers we want to check.
SETTINGS = {
    "argon2_memory_kib": "64",
    "argon2_iterations": "1",
    "argon2_max_concurrent": "8",
    "login_lockout_base_seconds": "0",
    "login_lockout_max_seconds": "0",
}

# Schemathesis' positive_data_acceptance check says a request valid per the schema must not get
# 400/422. A few operations have rules JSON Schema cannot state, so for exactly those a 400 or 422
# is an expected answer to schema-valid data (every other check stays on for them):
# - register: the password must not be an obvious one nor contain the username (cross-field).
# - password-reset/confirm: a well-formed token that was never issued is 400 invalid_reset_token.
# - friends/requests: your own name or a bot's is well-formed but refused (400 cannot_befriend_*).
# - games (create): inviting yourself is well-formed but refused (400 invalid_opponent).
# - games/{id}/move: on a real game, a legal-looking position can break a rule (422 not_your_turn,
#   square_occupied, game_not_active): that is the contract's 422.
# - auth/ssh-keys (link): a string is only a key if its base64 decodes to a key of the named type
#   (400 invalid_public_key), and past 10 keys the account is full (422 too_many_keys).
POSITIVE_OK = ["2xx", "3xx", "401", "403", "404", "409", "429"]
ALSO_OK = {"register": ["400"], "confirmPasswordReset": ["400"], "sendFriendRequest": ["400"],
           "createGame": ["400"], "makeMove": ["422"], "linkSSHKey": ["400", "422"]}


def schemathesis_config(parameters):
    """One `[[operations]]` table per operation id (disjoint, so nothing merges unexpectedly):
    the extra expected statuses above, and fixed path parameters that reach real resources."""
    tables = []
    for op in sorted(set(ALSO_OK) | set(parameters)):
        lines = ["[[operations]]", f'include-operation-id = "{op}"']
        if op in ALSO_OK:
            statuses = ", ".join(f'"{s}"' for s in POSITIVE_OK + ALSO_OK[op])
            lines.append(f"checks.positive_data_acceptance.expected-statuses = [{statuses}]")
        if op in parameters:
            values = ", ".join(f'{k} = "{v}"' for k, v in parameters[op].items())
            lines.append(f"parameters = {{ {values} }}")
        tables.append("\n".join(lines))
    return "\n\n".join(tables) + "\n"


def _schemathesis_cli():
    exe = shutil.which("st") or shutil.which("schemathesis")
    if exe:
        return [exe]
    try:
        import schemathesis  # noqa: F401
    except ImportError:
        pytest.fail("schemathesis is not installed: pip install -r tests/requirements.txt")
    return [sys.executable, "-m", "schemathesis.cli"]


def test_served_spec_holds_against_the_server(server_factory, tmp_path):
    server = server_factory(SETTINGS)
    me = server.register("fuzzer")
    # Some data for the path parameters to reach past 404: a player who asked to be friends, a
    # friend, and games the fuzzer plays in.
    asker = server.register("asker")
    assert server.post("/friends/requests", asker["access_token"], json={"username": "fuzzer"}).status_code == 201
    friend = server.register("friend")
    assert server.post("/friends/requests", friend["access_token"], json={"username": "fuzzer"}).status_code == 201
    assert server.post("/friends/requests/friend/accept", me["access_token"]).status_code == 200
    game = server.post("/games", me["access_token"], json={"bot": "easy"}).json()
    open_game = server.post("/games", friend["access_token"]).json()

    game_params = {"id": game["id"]}
    config = tmp_path / "schemathesis.toml"
    config.write_text(
        schemathesis_config(
            {
                "getGame": game_params,
                "makeMove": game_params,
                "gameHistory": game_params,
                "gameChat": game_params,
                "cancelOrResign": game_params,
                "joinGame": {"id": open_game["id"]},
                "playerStats": {"userId": friend["user"]["id"]},
                "aroundPlayer": {"userId": friend["user"]["id"]},
                "acceptFriendRequest": {"username": "asker"},
                "declineFriendRequest": {"username": "asker"},
                "withdrawFriendRequest": {"username": "friend"},
                "removeFriend": {"username": "friend"},
            }
        )
    )

    cmd = _schemathesis_cli() + [
        "--config-file",
        str(config),
        "run",
        f"{server.base}/openapi.yaml",
        "--checks",
        "all",
        "--tls-verify",
        "false",
        "--header",
        f"Authorization: Bearer {me['access_token']}",
        "--max-examples",
        str(EXAMPLES),
        # One worker: CPython 3.11's ast module is not thread-safe and hypothesis parses lambdas
        # while describing strategies ("AST constructor recursion depth mismatch").
        "--workers",
        "1",
        "--request-timeout",
        "20",
        # Signing out would end the very session every other request authenticates with; both
        # endpoints are covered statefully by test_auth.py instead.
        "--exclude-path",
        "/auth/logout",
        "--exclude-path",
        "/auth/logout-all",
        "--suppress-health-check",
        "all",
        "--no-color",
    ]
    if SEED != "random":
        cmd += ["--seed", SEED]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    output = run.stdout + run.stderr
    assert run.returncode == 0, f"schemathesis failed (exit {run.returncode}):\n{output}"
    # The server survived the whole run.
    assert server.get("/health").status_code == 200
    assert '"status":"500"' not in server.log_text(), "the server answered a 500 (see its log)"
