"""Issue 10: the README's play command brings a player to the login screen of a working local
server, and quitting leaves no server process behind. Issue 22: it builds only the two programs
it runs, debug unless asked otherwise, and not at all when nothing changed since the last build."""

import os
import shutil
import subprocess
import tempfile
import textwrap

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
        # play started this server and read its certificate from its log: no question to answer,
        # and the pin is recorded as if the player had said yes.
        t.wait_for("Log in", "localhost:5000", timeout=60)
        assert "Trust this server" not in t.screen()
        assert server_pids(data), "the play command should have started a server"
        known = open(os.path.join(home, "config", "arena", "known_servers")).read()
        log = open(os.path.join(data, "server.log")).read()
        fingerprint = log.split("TLS certificate SHA-256 fingerprint: ")[1].split()[0]
        assert f"localhost:5000 {fingerprint}" in known, known
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


# A stand-in `swift` on PATH for the build-decision tests: it records how it was called and, like a
# real build, (re)writes the requested product. The real build is what the first test runs against.
FAKE_SWIFT = textwrap.dedent("""\
    #!/usr/bin/env bash
    echo "$*" >>"$SWIFT_CALLS"
    config=debug product=""
    while [ $# -gt 0 ]; do
        case "$1" in -c) config=$2; shift ;; --product) product=$2; shift ;; esac
        shift
    done
    mkdir -p ".build/$config"
    cp "$FAKE_PRODUCTS/$product" ".build/$config/$product"
    """)

# Stand-ins for the built programs: the server says it listens and waits to be stopped; the
# client says how it was started and exits, as quitting at once would.
FAKE_SERVER = (
    '#!/usr/bin/env bash\n'
    'case "$*" in *--ssh-port*) echo "ssh server started: $*"; exit 0 ;; esac\n'
    'echo "TLS certificate SHA-256 fingerprint: AB:CD"\n'
    'echo \'{"msg": "listening"}\'\nexec sleep 600\n'
)
FAKE_CLIENT = '#!/usr/bin/env bash\necho "client started: $*"\n'


class PlayTree:
    """A copy of the play command in a repository of its own, with a stand-in swift toolchain."""

    def __init__(self, tmp_path):
        self.root = tmp_path / "repo"
        (self.root / "scripts").mkdir(parents=True)
        for name in ("play", "setup"):
            shutil.copy2(ROOT / "scripts" / name, self.root / "scripts" / name)
        (self.root / "Sources" / "arena").mkdir(parents=True)
        (self.root / "Sources" / "arena" / "main.swift").write_text("print(1)\n")
        (self.root / "Package.swift").write_text("// swift-tools-version:6.0\n")
        self.old = 1_000_000_000
        for path in (self.root / "Sources" / "arena" / "main.swift", self.root / "Sources" / "arena", self.root / "Sources", self.root / "Package.swift"):
            os.utime(path, (self.old, self.old))
        tools = tmp_path / "tools"
        products = tmp_path / "products"
        tools.mkdir()
        products.mkdir()
        self._executable(tools / "swift", FAKE_SWIFT)
        self._executable(products / "arena-server", FAKE_SERVER)
        self._executable(products / "arena", FAKE_CLIENT)
        self.calls = tmp_path / "swift-calls"
        self.env = {
            **os.environ,
            "PATH": f"{tools}:{os.environ['PATH']}",
            "SWIFT_CALLS": str(self.calls),
            "FAKE_PRODUCTS": str(products),
            "ARENA_DATA_DIR": str(tmp_path / "data"),
        }
        self.env.pop("ARENA_BIN_DIR", None)
        self.env.pop("ARENA_BUILD", None)

    @staticmethod
    def _executable(path, text):
        path.write_text(text)
        path.chmod(0o755)

    def play(self, *args, **env):
        self.calls.unlink(missing_ok=True)
        p = subprocess.run(
            [str(self.root / "scripts" / "play"), *args], capture_output=True, text=True, timeout=60,
            env={**self.env, **env}, start_new_session=True,
        )
        assert p.returncode == 0, p.stdout + p.stderr
        # The client trusts the certificate of the server play started without asking.
        started = (
            "ssh server started: --data-dir" if args[:1] == ("--ssh",)
            else "client started: --server localhost:5000 --trust-fingerprint AB:CD"
        )
        assert started in p.stdout, p.stdout
        swift = self.calls.read_text().splitlines() if self.calls.exists() else []
        return p.stdout, swift


# A plain game leaves the ssh listener (the package trait SSH, with swift-crypto) out of the build.
PLAIN_DEBUG = [
    "build -c debug --product arena-server --disable-default-traits",
    "build -c debug --product arena --disable-default-traits",
]


def test_play_builds_only_the_server_and_client_in_debug_and_skips_the_build_when_nothing_changed(tmp_path):
    tree = PlayTree(tmp_path)

    out, swift = tree.play()
    assert "first run builds the game" in out
    assert swift == PLAIN_DEBUG

    out, swift = tree.play()
    assert swift == [], "a second run with nothing changed must not call swift at all"
    assert "rebuilding" not in out and "first run" not in out

    # Any newer file under Sources/ (an edit, a new file) makes the next run build again.
    os.utime(tree.root / "Sources" / "arena" / "main.swift")
    out, swift = tree.play()
    assert "sources changed; rebuilding (debug)" in out
    assert swift == PLAIN_DEBUG

    os.utime(tree.root / "Package.swift")
    out, swift = tree.play()
    assert len(swift) == 2, "a changed Package.swift must rebuild"


def test_play_builds_release_when_asked_and_refuses_an_unknown_configuration(tmp_path):
    tree = PlayTree(tmp_path)
    out, swift = tree.play(ARENA_BUILD="release")
    assert swift == [
        "build -c release --product arena-server --disable-default-traits",
        "build -c release --product arena --disable-default-traits",
    ]
    assert (tree.root / ".build" / "release" / "arena").exists()

    p = subprocess.run(
        [str(tree.root / "scripts" / "play")], capture_output=True, text=True, timeout=60,
        env={**tree.env, "ARENA_BUILD": "fast"},
    )
    assert p.returncode == 2
    assert "ARENA_BUILD must be debug or release" in p.stderr


def test_classroom_mode_builds_the_ssh_listener_in_and_a_plain_game_then_reuses_it(tmp_path):
    tree = PlayTree(tmp_path)
    out, swift = tree.play()
    assert swift == PLAIN_DEBUG

    # The quick build has no ssh listener: --ssh must build again, with the default traits.
    out, swift = tree.play("--ssh", "2345")
    assert swift == ["build -c debug --product arena-server", "build -c debug --product arena"]
    assert "ssh server started: --data-dir" in out and "--ssh-port 2345" in out

    # Now both modes are served by what is there.
    out, swift = tree.play("--ssh")
    assert swift == []
    out, swift = tree.play()
    assert swift == []
