"""Issue 22: deploy/arena-server.service keeps its hardening, agrees with deploy/install.sh, and is a
unit systemd accepts (when systemd-analyze is on the machine); the server runs under the seccomp
rules of its MemoryDenyWriteExecute= and RestrictAddressFamilies= (when libseccomp is)."""

import ctypes
import ctypes.util
import errno
import functools
import os
import re
import shutil
import socket
import subprocess
import sys

import pytest

from conftest import ROOT, Server

UNIT = ROOT / "deploy" / "arena-server.service"
INSTALL = ROOT / "deploy" / "install.sh"


def parse_unit(text):
    """{section: {key: [values in order]}}, as systemd reads it: repeated keys add up, comments and
    blank lines are skipped, and a trailing backslash continues a line."""
    sections, section = {}, None
    logical = re.sub(r"\\\n", " ", text)
    for raw in logical.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            section = sections.setdefault(line[1:-1], {})
            continue
        assert section is not None and "=" in line, f"not a unit line: {raw!r}"
        key, value = line.split("=", 1)
        section.setdefault(key.strip(), []).append(value.strip())
    return sections


@pytest.fixture(scope="module")
def service():
    return parse_unit(UNIT.read_text())["Service"]


def last(service, key):
    assert key in service, f"{key}= is missing"
    return service[key][-1]


def test_the_unit_runs_the_installed_server_on_its_state_directory(service):
    argv = last(service, "ExecStart").split()
    assert argv[0] == "/usr/local/bin/arena-server"
    assert argv[argv.index("--config") + 1] == "/etc/arena-server/server.conf"
    assert argv[argv.index("--data-dir") + 1] == "${STATE_DIRECTORY}"
    assert last(service, "StateDirectory") == "arena-server"
    assert last(service, "StateDirectoryMode") == "0700"
    assert last(service, "Type") in ("exec", "simple")
    assert last(service, "ExecReload") == "/bin/kill -HUP $MAINPID"
    assert last(service, "KillSignal") == "SIGTERM"
    assert int(last(service, "TimeoutStopSec").removesuffix("s")) >= 30, "too short for a graceful drain"
    assert last(service, "Restart") == "on-failure"
    assert last(service, "LimitNOFILE") == "65536"
    assert parse_unit(UNIT.read_text())["Install"]["WantedBy"] == ["multi-user.target"]


def test_the_unit_keeps_its_hardening(service):
    expected = {
        "DynamicUser": "yes",
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "PrivateDevices": "yes",
        "ProtectKernelTunables": "yes",
        "ProtectKernelModules": "yes",
        "ProtectKernelLogs": "yes",
        "ProtectControlGroups": "yes",
        "RestrictNamespaces": "yes",
        "LockPersonality": "yes",
        "MemoryDenyWriteExecute": "yes",
        "RestrictSUIDSGID": "yes",
        "SystemCallArchitectures": "native",
    }
    assert {key: service.get(key, [None])[-1] for key in expected} == expected
    assert set(last(service, "RestrictAddressFamilies").split()) == {"AF_INET", "AF_INET6", "AF_UNIX"}
    assert "@system-service" in service.get("SystemCallFilter", [])
    # An empty bounding set: no capability at all, unless an operator opts into a low port.
    assert last(service, "CapabilityBoundingSet") == ""
    assert "AmbientCapabilities" not in service
    # Nothing may reopen what ProtectSystem=strict closes, but the state directory.
    assert "ReadWritePaths" not in service


def test_install_script_puts_files_where_the_unit_expects_them(service):
    script = INSTALL.read_text()
    for path in (
        last(service, "ExecStart").split()[0],
        "/etc/arena-server/server.conf",
        last(service, "WorkingDirectory") + "/openapi.yaml",
        "/etc/systemd/system/arena-server.service",
    ):
        assert path in script, f"deploy/install.sh does not install {path}"
    assert "systemctl daemon-reload" in script
    assert "systemctl enable" in script


def test_systemd_accepts_the_unit(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed; the unit's keys are checked by the tests above")
    # verify insists the binary exists; point it at a stand-in and leave every other line as is.
    binary = tmp_path / "arena-server"
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    unit = tmp_path / "arena-server.service"
    unit.write_text(UNIT.read_text().replace("/usr/local/bin/arena-server", str(binary)))
    p = subprocess.run([analyze, "verify", str(unit)], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    # verify exits 0 even for unknown keys and bad values ("..., ignoring"): its output must be empty.
    assert (p.returncode, p.stdout + p.stderr) == (0, "")


class SeccompArgCmp(ctypes.Structure):
    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int), ("datum_a", ctypes.c_uint64), ("datum_b", ctypes.c_uint64)]


def unit_seccomp_filter():
    """The seccomp rules systemd installs for MemoryDenyWriteExecute=yes and RestrictAddressFamilies=
    AF_INET AF_INET6 AF_UNIX, built with libseccomp (as systemd builds them). Returns the function
    that loads them: a Popen preexec_fn, run in the child just before exec."""
    lib = ctypes.CDLL(ctypes.util.find_library("seccomp"))
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_rule_add_array.argtypes = [
        ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint, ctypes.POINTER(SeccompArgCmp)]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    allow, masked_eq, eq = 0x7FFF0000, 7, 4

    def refuse(errno_value):
        return 0x00050000 | errno_value

    ctx = lib.seccomp_init(allow)
    prot_write, prot_exec = 0x2, 0x4
    rules = [
        # No mapping both writable and executable, and nothing made executable after the fact.
        ("mmap", refuse(errno.EPERM), SeccompArgCmp(2, masked_eq, prot_write | prot_exec, prot_write | prot_exec)),
        ("mprotect", refuse(errno.EPERM), SeccompArgCmp(2, masked_eq, prot_exec, prot_exec)),
        ("pkey_mprotect", refuse(errno.EPERM), SeccompArgCmp(2, masked_eq, prot_exec, prot_exec)),
    ]
    for family in range(1, 46):
        if family not in (socket.AF_UNIX, socket.AF_INET, socket.AF_INET6):
            rules.append(("socket", refuse(errno.EAFNOSUPPORT), SeccompArgCmp(0, eq, family, 0)))
    for name, action, cmp in rules:
        number = lib.seccomp_syscall_resolve_name(name.encode())
        assert lib.seccomp_rule_add_array(ctx, action, number, 1, ctypes.byref(cmp)) == 0, name

    def load():
        if lib.seccomp_load(ctx) != 0:
            os._exit(98)

    return load


def test_the_server_runs_without_writable_executable_memory_and_with_only_inet_and_unix_sockets(tmp_path):
    if ctypes.util.find_library("seccomp") is None:
        pytest.skip("libseccomp is not installed (Debian: libseccomp2)")
    confine = unit_seccomp_filter()
    # The filter itself: a writable and executable mapping and a netlink socket are refused.
    probe = subprocess.run(
        [sys.executable, "-c", "import mmap, socket\n"
         "try: mmap.mmap(-1, 4096, prot=7); print('wx mapped')\nexcept OSError as e: print('wx', e.errno)\n"
         "try: socket.socket(socket.AF_NETLINK, socket.SOCK_RAW); print('netlink opened')\nexcept OSError as e: print('netlink', e.errno)"],
        preexec_fn=confine, capture_output=True, text=True, timeout=60,
    )
    assert probe.stdout.split("\n")[:2] == [f"wx {errno.EPERM}", f"netlink {errno.EAFNOSUPPORT}"], probe.stdout + probe.stderr

    server = Server(tmp_path / "data")
    (tmp_path / "data").mkdir()
    popen = subprocess.Popen
    subprocess.Popen = functools.partial(popen, preexec_fn=confine)
    try:
        server.start()
    finally:
        subprocess.Popen = popen
    try:
        # Argon2 hashing, SQLite in WAL mode, TLS and a game's moves all work under the rules.
        alice, bob = server.register(), server.register()
        game = server.post("/games", alice["access_token"]).json()
        joined = server.post(f"/games/{game['id']}/join", bob["access_token"])
        assert joined.status_code == 200, joined.text
        moved = server.post(f"/games/{game['id']}/move", alice["access_token"], json={"position": 4})
        assert moved.json()["board"][4] == "X", moved.text
        with open(f"/proc/{server.proc.pid}/status") as status:
            assert "Seccomp:\t2" in status.read(), "the server should run under the filter"
    finally:
        assert server.stop() == 0
