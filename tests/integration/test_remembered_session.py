"""Issue 22: a relaunched client remembers its session. The real `arena` in tmux against the real
server: register, quit, relaunch with the same config dir and land in the lobby without a
password; log out and the file is gone; a session ended on the server leads to the login screen
with a note."""

import json
import os
import stat
import tempfile
import time

import pexpect
import pytest

from conftest import BIN_DIR
from tmux_driver import Terminal

PASSWORD = "long enough password 1"


@pytest.fixture
def launch(server_factory):
    made = []

    def make(server, cfg):
        t = Terminal(
            f"{BIN_DIR / 'arena'} --server localhost:{server.port}",
            env={"ARENA_CONFIG_DIR": cfg, "LANG": "C.UTF-8", "TERM": "xterm-256color"},
        )
        made.append(t)
        return t

    yield make
    for t in made:
        t.close()


def session_file(cfg, server):
    return os.path.join(cfg, "sessions", f"localhost:{server.port}")


def wait_exit(t, timeout=10):
    deadline = time.monotonic() + timeout
    while t.is_alive():
        assert time.monotonic() < deadline, "the client should have quit:\n" + t.screen()
        time.sleep(0.1)


def read_session(path):
    with open(path) as f:
        return json.load(f)


def test_relaunch_resumes_log_out_forgets_and_a_revoked_session_asks_again(server_factory, launch):
    s = server_factory()
    cfg = tempfile.mkdtemp(prefix="arena-remember-")
    path = session_file(cfg, s)

    # Register: the session is written, readable only by the player.
    a = launch(s, cfg)
    a.wait_for("Trust this server")
    a.keys("y", "Enter")
    a.wait_for("Log in")
    a.keys("C-r")
    a.wait_for("Create an account")
    a.type("remy@example.com")
    a.keys("Tab")
    a.type("remy")
    a.keys("Tab")
    a.type(PASSWORD)
    a.keys("Tab", "Enter")
    a.wait_for("Welcome, remy.")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700
    first = read_session(path)
    assert first["username"] == "remy" and first["refresh_token"]

    # q quits and keeps the session; the relaunch goes straight to the lobby.
    a.keys("q")
    wait_exit(a)
    assert os.path.exists(path)
    b = launch(s, cfg)
    screen = b.wait_for("Welcome back, remy.", "Welcome, remy.")
    assert "Password" not in screen
    # Refresh tokens rotate: the file holds the new one, still 0600.
    resumed = read_session(path)
    assert resumed["username"] == "remy"
    assert resumed["refresh_token"] != first["refresh_token"]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600

    # Log out on the profile screen: the server ends the session and the file is deleted.
    b.keys("p")
    b.wait_for("[ Log out ]")
    for _ in range(7):  # full name, avatar, email, save, current, new, change -> Log out
        b.keys("Tab")
    b.keys("Enter")
    b.wait_for("Logged out.")
    assert not os.path.exists(path)
    r = s.post("/auth/refresh", json={"refresh_token": resumed["refresh_token"]})
    assert r.status_code == 401, r.text
    b.keys("Escape")
    wait_exit(b)

    # The next start asks for the password again.
    c = launch(s, cfg)
    screen = c.wait_for("Log in", "Password")
    assert "Welcome back" not in screen and "saved session" not in screen
    c.type("remy")
    c.keys("Tab")
    c.type(PASSWORD)
    c.keys("Enter")
    c.wait_for("Welcome, remy.")
    assert os.path.exists(path)
    c.keys("q")
    wait_exit(c)

    # Plain mode takes up the same remembered session.
    env = dict(os.environ, ARENA_CONFIG_DIR=cfg, LANG="C.UTF-8", TERM="xterm-256color")
    plain = pexpect.spawn(
        str(BIN_DIR / "arena"), ["--plain", "--server", f"localhost:{s.port}"], env=env, encoding="utf-8", timeout=20
    )
    try:
        plain.expect_exact("Resuming remy's session")
        plain.expect_exact("Logged in as remy")
        plain.sendline("quit")
        plain.expect(pexpect.EOF)
    finally:
        plain.terminate(force=True)
    assert os.path.exists(path)

    # Log out everywhere from elsewhere (REST): the remembered token is revoked with it.
    login = s.post("/auth/login", json={"username": "remy", "password": PASSWORD})
    assert login.status_code == 200, login.text
    r = s.post("/auth/logout-all", token=login.json()["access_token"])
    assert r.status_code in (200, 204), r.text
    d = launch(s, cfg)
    screen = d.wait_for("Your saved session has ended: please log in.", "Log in")
    assert "Welcome, remy." not in screen
    assert not os.path.exists(path)
