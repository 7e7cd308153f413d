"""TLS of the one listener: only TLS 1.2 and 1.3, forward-secret AEAD suites, and the certificate
the server announced.

`openssl s_client` is the outside client. Debian's OpenSSL refuses TLS 1.0/1.1 itself at its default
security level, so old protocols are offered with `@SECLEVEL=0`: then a failure can only be the
server's refusal, which the test proves by the server's `protocol version` alert.
"""

import hashlib
import os
import shutil
import socket
import ssl
import subprocess

import pytest

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")


def s_client(server, *args):
    """One handshake with `openssl s_client -brief`; returns (exit code, combined output)."""
    cmd = ["openssl", "s_client", "-connect", f"127.0.0.1:{server.port}", "-servername", "localhost", "-brief", *args]
    run = subprocess.run(cmd, input="", capture_output=True, text=True, timeout=30)
    return run.returncode, run.stdout + run.stderr


@pytest.mark.parametrize("flag", ["-tls1", "-tls1_1"])
def test_old_protocols_are_refused_by_the_server(server, flag):
    code, out = s_client(server, flag, "-cipher", "DEFAULT:@SECLEVEL=0")
    assert code != 0, out
    # Alert 70 sent by the server: the client did offer the protocol, the server turned it down.
    assert "alert protocol version" in out, out
    assert "Protocol version:" not in out, out


@pytest.mark.parametrize("flag,version", [("-tls1_2", "TLSv1.2"), ("-tls1_3", "TLSv1.3")])
def test_modern_protocols_handshake(server, flag, version):
    code, out = s_client(server, flag)
    assert code == 0, out
    assert f"Protocol version: {version}" in out, out
    suite = next(line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("Ciphersuite:"))
    if version == "TLSv1.2":
        assert suite.startswith("ECDHE-") and ("GCM" in suite or "CHACHA20" in suite), suite
    else:
        assert suite in ("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"), suite


@pytest.mark.parametrize(
    "cipher",
    [
        "AES128-SHA",  # RSA key exchange, CBC, SHA-1
        "AES128-GCM-SHA256",  # no forward secrecy
        "ECDHE-ECDSA-AES128-SHA",  # CBC with SHA-1
        "ECDHE-ECDSA-AES256-SHA384",  # CBC
    ],
)
def test_weak_tls12_suites_are_refused(server, cipher):
    code, out = s_client(server, "-tls1_2", "-cipher", f"{cipher}:@SECLEVEL=0")
    assert code != 0, out
    assert "Protocol version:" not in out, out
    # Alert 40 from the server: it shares none of the offered suites.
    assert "alert handshake failure" in out, out


def test_served_certificate_matches_the_announced_fingerprint(server):
    assert server.fingerprint, "the server did not print its certificate fingerprint:\n" + server.log_text()
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
            der = tls.getpeercert(binary_form=True)
            assert tls.version() in ("TLSv1.2", "TLSv1.3")
    digest = hashlib.sha256(der).hexdigest().upper()
    assert ":".join(digest[i : i + 2] for i in range(0, len(digest), 2)) == server.fingerprint


def test_the_generated_certificate_is_what_clients_need(server):
    """The self-signed identity made on first start: a P-256 key, its own CA with keyCertSign (BoringSSL
    clients refuse a self-signed leaf without it), serverAuth, the loopback names, ten years, and a
    private key only its owner can read."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
            der = tls.getpeercert(binary_form=True)
    text = subprocess.run(
        ["openssl", "x509", "-inform", "DER", "-noout", "-text", "-dates"],
        input=der, capture_output=True, timeout=30, check=True,
    ).stdout.decode()
    for expected in (
        "Version: 3 (0x2)",
        "NIST CURVE: P-256",
        "Signature Algorithm: ecdsa-with-SHA256",
        "CN = TicTacToe Arena (self-signed)",
        "CA:TRUE, pathlen:0",
        "Digital Signature, Certificate Sign",
        "TLS Web Server Authentication",
        "DNS:localhost",
        "IP Address:127.0.0.1",
    ):
        assert expected in text, f"{expected!r} missing from:\n{text}"
    not_after = next(line for line in text.splitlines() if line.startswith("notAfter="))
    years = int(not_after.split()[-2]) - int(next(l for l in text.splitlines() if l.startswith("notBefore=")).split()[-2])
    assert years == 10, text
    # It verifies as its own trust root with the name checked, which is more than the pinning
    # client asks of it.
    pinned = ssl.create_default_context(cadata=ssl.DER_cert_to_PEM_cert(der))
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        with pinned.wrap_socket(raw, server_hostname="localhost") as tls:
            assert tls.version() in ("TLSv1.2", "TLSv1.3")
    assert os.stat(os.path.join(server.data_dir, "key.pem")).st_mode & 0o777 == 0o600
