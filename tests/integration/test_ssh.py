"""Issue 21: play over plain ssh. The system's OpenSSH client (in tmux where a player would see a
screen) connects to the real server's ssh listener and gets the real `arena` client, connected to
that server; everything but the game is refused; limits hold; no client process outlives its
session."""

import os
import pathlib
import re
import socket
import ssl
import stat
import subprocess
import time

import pytest

from conftest import Server, free_port
from test_e2e_journey import register
from tmux_driver import Terminal

PASSWORD = "long enough password 1"

# No config file, no known_hosts, no agent and (unless a test gives one) no key: what a student's
# fresh machine has.
SSH_BASE = [
    "-F", "/dev/null",
    "-o", "StrictHostKeyChecking=no",
    "-o", "UserKnownHostsFile=/dev/null",
    "-o", "LogLevel=ERROR",
    "-o", "IdentityAgent=none",
]
NO_KEYS = ["-o", "IdentitiesOnly=yes", "-o", "IdentityFile=none", "-o", "BatchMode=no"]


def ssh_server(tmp_path_factory, **settings):
    data = tmp_path_factory.mktemp("arena-ssh")
    values = {"ssh_port": str(free_port()), "ssh_connections_per_minute_per_ip": "10000"}
    values.update({k: str(v) for k, v in settings.items()})
    return Server(data, settings=values).start()


@pytest.fixture
def ssh_factory(tmp_path_factory):
    started = []

    def make(**settings):
        s = ssh_server(tmp_path_factory, **settings)
        s.ssh_port = int(s.settings["ssh_port"])
        started.append(s)
        return s

    yield make
    for s in started:
        s.stop()


@pytest.fixture
def sshterm():
    made = []

    def make(server, user="player", identity=None, width=80, height=24, linger=False):
        keys = ["-o", "IdentitiesOnly=yes", "-i", str(identity)] if identity else NO_KEYS
        args = ["ssh", *SSH_BASE, *keys, "-t", "-p", str(server.ssh_port), f"{user}@127.0.0.1"]
        command = " ".join(args)
        if linger:
            # tmux drops what a pane showed if its program ends before remain-on-exit is set
            command = f"sh -c '{command}; echo ssh exited $?; sleep 60'"
        t = Terminal(command, env={"LANG": "C.UTF-8"}, width=width, height=height)
        made.append(t)
        return t

    yield make
    for t in made:
        t.close()


def run_ssh(server, *command, user="player", extra=(), timeout=30):
    args = ["ssh", *SSH_BASE, *NO_KEYS, "-o", "BatchMode=yes", *extra, "-p", str(server.ssh_port), f"{user}@127.0.0.1", *command]
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def register_in_client(t, name):
    """The login screen's register form, as test_e2e_journey fills it (the server is already
    trusted: the ssh listener passes its fingerprint)."""
    return register(t, name, first_use=False)


def log_in_client(t, name, timeout=60):
    t.wait_for("Log in", timeout=timeout)
    t.type(name)
    t.keys("Tab")
    t.type(PASSWORD)
    t.keys("Enter")
    return t.wait_for(f"Welcome, {name}.", timeout=timeout)


def children_named(parent_pid, name):
    """Pids of live (non-zombie) processes named `name` whose parent is `parent_pid`."""
    found = []
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
        except OSError:
            continue
        comm = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        if comm == name and int(fields[1]) == parent_pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def pane_pid(t):
    r = subprocess.run(["tmux", "list-panes", "-t", t.name, "-F", "#{pane_pid}"], capture_output=True, text=True)
    return int(r.stdout.strip())


def board_width(screen):
    """Width of the board's inner grid lines (the rows that cross it: ├───┼───┼───┤)."""
    widths = [len(m.group(0)) for m in re.finditer(r"├[─┼]+┤", screen)]
    assert widths, "no board on screen:\n" + screen
    return max(widths)


# --- the listener ------------------------------------------------------------------------------


def test_host_key_is_made_once_kept_private_and_its_fingerprint_printed(ssh_factory):
    s = ssh_factory()
    printed = re.search(r"SSH host key fingerprint: (SHA256:[A-Za-z0-9+/]+)", s.log_text())
    assert printed, s.log_text()
    key_file = pathlib.Path(s.data_dir) / "ssh_host_ed25519_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    # what an ssh client sees is the fingerprint the server printed
    scan = subprocess.run(
        ["ssh-keyscan", "-t", "ed25519", "-p", str(s.ssh_port), "127.0.0.1"], capture_output=True, text=True, timeout=20
    )
    listed = subprocess.run(["ssh-keygen", "-lf", "-"], input=scan.stdout, capture_output=True, text=True)
    assert printed.group(1) in listed.stdout, (scan.stdout, scan.stderr, listed.stdout)
    s.restart()
    assert s.log_text().count(printed.group(1)) >= 2, "the host key changed across a restart"


def test_ssh_is_off_by_default_and_refuses_to_start_without_tls(tmp_path_factory, server):
    assert "SSH host key" not in server.log_text()
    data = tmp_path_factory.mktemp("arena-ssh-notls")
    s = Server(data, settings={"ssh_port": str(free_port()), "tls": "off"})
    proc = subprocess.run(s.args(), capture_output=True, text=True, timeout=60, cwd=data)
    assert proc.returncode == 2
    assert "ssh_port needs tls = on" in proc.stderr


# --- playing -----------------------------------------------------------------------------------


def test_ssh_lands_on_login_registers_and_plays_a_move_against_a_second_player(ssh_factory, sshterm):
    s = ssh_factory()
    a, b = sshterm(s, "anyname"), sshterm(s, "someone")
    for t in (a, b):
        screen = t.wait_for("Log in", timeout=60)
        assert "password" not in screen.lower().split("log in")[0], "ssh itself asked for a password:\n" + screen
    register_in_client(a, "sshalice")
    register_in_client(b, "sshbob")
    a.keys("m")
    b.keys("m")
    for t in (a, b):
        t.wait_for("Match found", timeout=30)
    x, o = (a, b) if "Your move (X)" in a.wait_for("vs") else (b, a)
    x.wait_for("Your move (X)")
    x.keys("5")
    o.wait_for("Your move (O)")
    game = s.get("/games?status=active", s.register()["access_token"]).json()["games"]
    assert any(g["board"].count("X") == 1 for g in game), game


def test_resizing_the_window_resizes_the_board(ssh_factory, sshterm):
    s = ssh_factory()
    t = sshterm(s, "resizer")
    register_in_client(t, "sshresize")
    t.keys("b")
    t.wait_for("Play the bot")
    t.keys("e")
    t.wait_for("Your move", timeout=30)
    small = board_width(t.screen())
    subprocess.run(["tmux", "resize-window", "-t", t.name, "-x", "120", "-y", "40"], check=True)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        screen = t.screen()
        if re.search(r"├[─┼]+┤", screen) and board_width(screen) > small:
            break
        time.sleep(0.1)
    assert board_width(t.screen()) > small, t.screen()


def test_thirty_ssh_sessions_play_at_once(ssh_factory, sshterm):
    s = ssh_factory()
    pairs = []
    for i in range(15):
        x = s.register(username=f"crowdx{i}", password=PASSWORD)
        o = s.register(username=f"crowdo{i}", password=PASSWORD)
        g = s.post("/games", x["access_token"], json={"opponent": o["user"]["username"]}).json()
        assert s.post(f"/games/{g['id']}/join", o["access_token"]).status_code == 200
        pairs.append((x, o, g["id"]))
    terms = []
    for x, o, _ in pairs:
        terms.append((sshterm(s, "x"), x))
        terms.append((sshterm(s, "o"), o))
    for t, user in terms:
        log_in_client(t, user["user"]["username"], timeout=120)
    assert len(children_named(s.proc.pid, "arena")) == 30
    # every X opens their game from the lobby and plays the centre; every O then answers
    for t, user in terms[0::2]:
        t.keys("Enter")
    for t, user in terms[0::2]:
        t.wait_for("Your move (X)", timeout=60)
        t.keys("5")
    for t, user in terms[1::2]:
        t.keys("Enter")
    for t, user in terms[1::2]:
        t.wait_for("Your move (O)", timeout=60)
        t.keys("1")
    for x, _, game_id in pairs:
        def two_marks():
            board = s.get(f"/games/{game_id}", x["access_token"]).json()["board"]
            return board.count("X") == 1 and board.count("O") == 1

        wait_until(two_marks, 60, f"both moves of game {game_id}")


# --- refused -----------------------------------------------------------------------------------


def test_commands_are_refused(ssh_factory):
    s = ssh_factory()
    r = run_ssh(s, "ls", "/")
    assert r.returncode != 0
    assert "commands are not available" in r.stderr
    assert "bin" not in r.stdout and "etc" not in r.stdout


def test_sftp_is_refused(ssh_factory, tmp_path):
    s = ssh_factory()
    r = subprocess.run(
        ["sftp", *SSH_BASE, *NO_KEYS, "-o", "BatchMode=yes", "-b", "-", "-P", str(s.ssh_port), "player@127.0.0.1"],
        input="ls /\n", capture_output=True, text=True, timeout=30,
    )
    assert r.returncode != 0
    assert "subsystem request failed" in r.stderr, r.stderr


def test_port_forwarding_is_refused(ssh_factory):
    s = ssh_factory()
    local = free_port()
    proc = subprocess.Popen(
        ["ssh", *SSH_BASE, *NO_KEYS, "-o", "BatchMode=yes", "-o", "ExitOnForwardFailure=no", "-N",
         "-L", f"{local}:127.0.0.1:{s.port}", "-p", str(s.ssh_port), "player@127.0.0.1"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        def listening():
            with socket.socket() as c:
                return c.connect_ex(("127.0.0.1", local)) == 0

        wait_until(listening, 20, "ssh's local forward port")
        # the forwarded connection reaches nothing: the TLS handshake gets no answer but a close
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        with pytest.raises((ssl.SSLError, ConnectionError, OSError)):
            with socket.create_connection(("127.0.0.1", local), timeout=10) as raw:
                with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
                    tls.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                    assert tls.recv(100) == b""
                    raise ConnectionError("closed")
        # the same request straight to the server works, so the refusal is the ssh listener's
        assert s.get("/health").status_code == 200
        # remote forwarding (-R) is refused too
        r = run_ssh(s, extra=["-o", "ExitOnForwardFailure=yes", "-N", "-R", f"{free_port()}:127.0.0.1:22"])
        assert r.returncode != 0
    finally:
        proc.terminate()
        proc.wait(10)


# --- limits and clean-up -------------------------------------------------------------------------


def test_killing_the_ssh_client_leaves_no_arena_process(ssh_factory, sshterm):
    s = ssh_factory()
    t = sshterm(s)
    t.wait_for("Log in", timeout=60)
    clients = children_named(s.proc.pid, "arena")
    assert len(clients) == 1, clients
    os.kill(pane_pid(t), 9)
    wait_until(lambda: not children_named(s.proc.pid, "arena"), 20, "the client to end")
    wait_until(lambda: not pathlib.Path(f"/proc/{clients[0]}").exists(), 20, "the client to be reaped")
    # a new session still gets in
    t2 = sshterm(s)
    t2.wait_for("Log in", timeout=60)


def test_the_session_cap_tells_the_extra_player_the_server_is_full(ssh_factory, sshterm):
    s = ssh_factory(ssh_max_sessions=1)
    first = sshterm(s)
    first.wait_for("Log in", timeout=60)
    second = sshterm(s, linger=True)
    second.wait_for("The server is full: 1 players are connected by ssh. Try again soon.", timeout=30)
    first.close()
    wait_until(lambda: not children_named(s.proc.pid, "arena"), 20, "the first client to end")
    third = sshterm(s)
    third.wait_for("Log in", timeout=60)


def test_an_idle_session_is_ended(ssh_factory, sshterm):
    s = ssh_factory(ssh_idle_timeout_seconds=10)
    t = sshterm(s)
    t.wait_for("Log in", timeout=60)
    wait_until(lambda: not t.is_alive(), 45, "the idle session to end")
    # The server closes the ssh channel first and then hangs up on the client: the ssh side can be
    # gone a moment before the client is (as in the killed-client test above).
    wait_until(lambda: not children_named(s.proc.pid, "arena"), 20, "the client to end")


def test_connections_per_minute_per_ip_are_limited(ssh_factory):
    s = ssh_factory(ssh_connections_per_minute_per_ip=2)
    results = [run_ssh(s, "ls") for _ in range(3)]
    assert "commands are not available" in results[0].stderr
    assert "commands are not available" in results[1].stderr
    assert results[2].returncode == 255 and "commands are not available" not in results[2].stderr


def test_sigterm_ends_every_ssh_client(ssh_factory, sshterm):
    s = ssh_factory()
    t = sshterm(s)
    t.wait_for("Log in", timeout=60)
    clients = children_named(s.proc.pid, "arena")
    assert clients
    assert s.stop() == 0
    wait_until(lambda: all(not pathlib.Path(f"/proc/{p}").exists() for p in clients), 20, "the clients to end")


# --- linked keys -------------------------------------------------------------------------------


def make_key(directory, name):
    path = pathlib.Path(directory) / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"{name}@test", "-f", str(path)], check=True)
    fingerprint = subprocess.run(["ssh-keygen", "-lf", f"{path}.pub"], capture_output=True, text=True).stdout.split()[1]
    return path, (pathlib.Path(f"{path}.pub")).read_text().strip(), fingerprint


def test_ssh_key_endpoints_link_list_and_unlink(server, tmp_path):
    a, b = server.register(), server.register()
    _, line, fingerprint = make_key(tmp_path, "laptop")
    assert server.get("/auth/ssh-keys").status_code == 401
    assert server.post("/auth/ssh-keys", json={"public_key": line}).status_code == 401
    assert server.get("/auth/ssh-keys", a["access_token"]).json() == {"keys": []}
    r = server.post("/auth/ssh-keys", a["access_token"], json={"public_key": line})
    assert r.status_code == 201, r.text
    key = r.json()
    assert key["fingerprint"] == fingerprint and key["comment"] == "laptop@test"
    assert set(key) == {"id", "fingerprint", "comment", "created_at"}
    assert server.get("/auth/ssh-keys", a["access_token"]).json() == {"keys": [key]}
    # one key names one player: linked again, by anyone, it is a conflict
    for who in (a, b):
        r = server.post("/auth/ssh-keys", who["access_token"], json={"public_key": line})
        assert r.status_code == 409 and r.json()["error"]["code"] == "key_in_use"
    for bad in ["", "hello", "ssh-ed25519 AAAA", line.replace("ssh-ed25519", "ssh-rsa"), "x" * 20000]:
        r = server.post("/auth/ssh-keys", a["access_token"], json={"public_key": bad})
        assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_public_key", (bad[:40], r.text)
    assert server.post("/auth/ssh-keys", a["access_token"], json={"public_key": 5}).status_code == 400
    assert server.post("/auth/ssh-keys", a["access_token"], json={}).status_code == 400
    # someone else's key is not found for them; the owner removes it
    assert server.delete(f"/auth/ssh-keys/{key['id']}", b["access_token"]).status_code == 404
    assert server.delete(f"/auth/ssh-keys/{key['id']}", a["access_token"]).status_code == 204
    assert server.delete(f"/auth/ssh-keys/{key['id']}", a["access_token"]).status_code == 404
    assert server.get("/auth/ssh-keys", a["access_token"]).json() == {"keys": []}
    # at most 10 keys an account
    for i in range(10):
        _, extra, _ = make_key(tmp_path, f"k{i}")
        assert server.post("/auth/ssh-keys", b["access_token"], json={"public_key": extra}).status_code == 201
    _, eleventh, _ = make_key(tmp_path, "k10")
    r = server.post("/auth/ssh-keys", b["access_token"], json={"public_key": eleventh})
    assert r.status_code == 422 and r.json()["error"]["code"] == "too_many_keys"


def test_a_linked_key_logs_its_player_in_and_an_unlinked_one_gets_the_login_screen(ssh_factory, sshterm, tmp_path):
    s = ssh_factory()
    user = s.register(username="keyuser", password=PASSWORD)
    key, line, _ = make_key(tmp_path, "keyuser")
    assert s.post("/auth/ssh-keys", user["access_token"], json={"public_key": line}).status_code == 201
    t = sshterm(s, "keyuser", identity=key)
    t.wait_for("Welcome, keyuser.", timeout=60)
    # an unlinked key is no way in to an account, but still the way to the login screen
    stranger, _, _ = make_key(tmp_path, "stranger")
    u = sshterm(s, "anyone", identity=stranger)
    u.wait_for("Log in", timeout=60)
    # the name of an account with keys asks for a key, never a password, and refuses one without it
    r = run_ssh(s, "ls", user="keyuser")
    assert r.returncode == 255 and "Permission denied (publickey)" in r.stderr, r.stderr


def live_sessions(server, user_id):
    """Login sessions (refresh-token families) of a user that are not revoked, read from the database."""
    import sqlite3

    with sqlite3.connect(os.path.join(server.data_dir, "arena.sqlite"), timeout=10) as db:
        return db.execute(
            "SELECT COUNT(DISTINCT family_id) FROM refresh_tokens WHERE user_id = ? "
            "AND family_id NOT IN (SELECT family_id FROM revoked_sessions)",
            (user_id,),
        ).fetchone()[0]


def key_login(s, sshterm, tmp_path, name, **terminal):
    """Registers `name`, links a new key and logs in over ssh with it. Returns the registration,
    the count of its open logins before the ssh one (the registration's own), and the terminal."""
    user = s.register(username=name, password=PASSWORD)
    key, line, _ = make_key(tmp_path, name)
    assert s.post("/auth/ssh-keys", user["access_token"], json={"public_key": line}).status_code == 201
    before = live_sessions(s, user["user"]["id"])
    t = sshterm(s, name, identity=key, **terminal)
    t.wait_for(f"Welcome, {name}.", timeout=60)
    assert live_sessions(s, user["user"]["id"]) == before + 1
    return user, before, t


def test_the_login_of_an_ssh_session_ends_with_it(ssh_factory, sshterm, tmp_path):
    """A key login (and a password typed over ssh) lives only in the session's private folder, which
    goes when the session does: the server ends that login rather than leave it valid until expiry."""
    s = ssh_factory()
    user, before, t = key_login(s, sshterm, tmp_path, "shortlived")
    os.kill(pane_pid(t), 9)
    wait_until(lambda: live_sessions(s, user["user"]["id"]) == before, 20, "the ssh session's login to end")
    # the registration's session is untouched
    assert s.get("/auth/profile", user["access_token"]).status_code == 200


def test_a_killed_servers_ssh_sessions_are_ended_at_the_next_start(ssh_factory, sshterm, tmp_path):
    """A SIGKILL gives the server no chance to end its ssh sessions' logins or remove their
    private folders (which hold refresh tokens): the next start finds them under the data dir,
    ends those logins and removes the folders."""
    s = ssh_factory()
    user, before, t = key_login(s, sshterm, tmp_path, "survivor", linger=True)
    sessions = pathlib.Path(s.data_dir) / "ssh-sessions"
    assert stat.S_IMODE(sessions.stat().st_mode) == 0o700
    left = list(sessions.iterdir())
    assert len(left) == 1 and stat.S_IMODE(left[0].stat().st_mode) == 0o700

    s.kill()
    t.wait_for("ssh exited", timeout=30)
    assert list(sessions.iterdir()) == left, "a killed server cannot clean up after itself"
    assert live_sessions(s, user["user"]["id"]) == before + 1

    first_run = len(s.lines)
    s.start()
    # the sweep comes before the ssh listener takes its first connection
    wait_until(lambda: any("ssh listening" in l for l in s.lines[first_run:]), 30, "the ssh listener")
    assert any("ssh sessions left by an earlier run cleaned up" in l for l in s.lines[first_run:])
    assert list(sessions.iterdir()) == []
    assert live_sessions(s, user["user"]["id"]) == before
    # the registration's own login is untouched
    assert s.get("/auth/profile", user["access_token"]).status_code == 200


def test_a_key_is_linked_from_the_profile_screen_and_then_logs_in(ssh_factory, sshterm, tmp_path):
    s = ssh_factory()
    key, line, fingerprint = make_key(tmp_path, "profilekey")
    t = sshterm(s, "whoever")
    register_in_client(t, "sshlinker")
    t.keys("p")
    t.wait_for("[ SSH keys ]")
    t.keys("BTab", "Enter")
    t.wait_for("No keys linked yet.")
    t.type(line)
    t.keys("Enter")
    t.wait_for("Key linked", fingerprint)
    token = s.post("/auth/login", json={"username": "sshlinker", "password": PASSWORD}).json()["access_token"]
    assert [k["fingerprint"] for k in s.get("/auth/ssh-keys", token).json()["keys"]] == [fingerprint]
    again = sshterm(s, "sshlinker", identity=key)
    again.wait_for("Welcome", "sshlinker", timeout=60)


def test_quitting_the_client_ends_the_ssh_session_with_its_status(ssh_factory, sshterm):
    s = ssh_factory()
    t = sshterm(s, linger=True)
    t.wait_for("Log in", timeout=60)
    t.keys("Escape")
    t.wait_for("ssh exited 0", timeout=20)
    wait_until(lambda: not children_named(s.proc.pid, "arena"), 20, "the client to be reaped")
