"""Issue 10: the README's play command brings a player to the login screen of a working local
server, and quitting leaves no server process behind."""

import os
import subprocess
import tempfile

from conftest import BIN_DIR, ROOT
from tmux_driver import Terminal


def server_pids(data_dir):
    out = subprocess.run(["pgrep", "-f", f"arena-server --data-dir {data_dir}"], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def test_play_command_reaches_login_and_cleans_up():
    if subprocess.run(["curl", "-sk", "--max-time", "2", "https://127.0.0.1:5000/health"], capture_output=True).returncode == 0:
        raise AssertionError("something already serves port 5000; the play command would reuse it")
    home = tempfile.mkdtemp(prefix="arena-play-")
    data = os.path.join(home, "data")
    t = Terminal(
        f"{ROOT / 'scripts' / 'play'}",
        env={
            # The suite's own build: `swift build` without --build-tests would rebuild everything.
            "ARENA_BIN_DIR": str(BIN_DIR),
            "ARENA_DATA_DIR": data,
            "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
        },
        cwd=str(ROOT),
    )
    try:
        t.wait_for("Trust this server", timeout=60)
        assert server_pids(data), "the play command should have started a server"
        t.keys("y", "Enter")
        t.wait_for("Log in", "localhost:5000")
        t.keys("Escape")
        deadline_screen = None
        import time

        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and (t.is_alive() or server_pids(data)):
            time.sleep(0.2)
        assert not t.is_alive(), "the client should have quit:\n" + t.screen()
        assert server_pids(data) == [], "quitting must leave no server behind"
    finally:
        t.close()
        for pid in server_pids(data):
            os.kill(pid, 9)


def test_the_client_says_plainly_when_no_server_answers(tmp_path):
    from conftest import free_port

    p = subprocess.run(
        [str(BIN_DIR / "arena"), "--server", f"127.0.0.1:{free_port()}", "--trust"],
        capture_output=True, text=True, timeout=30, env={**os.environ, "HOME": str(tmp_path)},
    )
    assert p.returncode == 1
    assert ": connection refused." in p.stderr, p.stderr
    assert "Is arena-server running there?" in p.stderr
    assert "errno" not in p.stderr
