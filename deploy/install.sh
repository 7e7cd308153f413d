#!/usr/bin/env bash
# Builds arena-server (release) and installs it as the systemd service `arena-server`: the binary in
# /usr/local/bin, the settings in /etc/arena-server/server.conf (kept if already there), the unit
# in /etc/systemd/system. Run it as yourself (it asks sudo for the install steps) or as root; run
# it again to upgrade. README.md, "Run it as a service", explains the result.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
command -v systemctl >/dev/null || { echo "install: systemd (systemctl) not found" >&2; exit 1; }

scripts/setup
echo "install: building arena-server and arena (release; the first build takes several minutes)"
swift build -c release --product arena-server
# The client too: with `ssh_port` set, the server runs it for every ssh player, from beside itself.
swift build -c release --product arena

$SUDO install -D -m 0755 .build/release/arena-server /usr/local/bin/arena-server
$SUDO install -D -m 0755 .build/release/arena /usr/local/bin/arena
# GET /openapi.yaml serves this copy (the unit's working directory).
$SUDO install -D -m 0644 openapi.yaml /usr/local/share/arena-server/openapi.yaml
if [ ! -e /etc/arena-server/server.conf ]; then
    # World-readable: the service's user exists only while it runs, so it cannot own the file.
    # Keep secrets out of it; the JWT secret and the certificate live in the private data dir.
    # A service hands reset tokens out with `arena-server admin reset-token`, never via its log.
    sed -e 's/^dev_mode = on$/dev_mode = off/' server.conf \
        | $SUDO install -D -m 0644 /dev/stdin /etc/arena-server/server.conf
    echo "install: wrote /etc/arena-server/server.conf (dev_mode = off); edit it, then: systemctl restart arena-server"
else
    echo "install: kept /etc/arena-server/server.conf"
fi
$SUDO install -D -m 0644 deploy/arena-server.service /etc/systemd/system/arena-server.service

$SUDO systemctl daemon-reload
$SUDO systemctl enable arena-server
# restart, not start: a second run installs a new binary into a running service.
$SUDO systemctl restart arena-server
$SUDO systemctl --no-pager --lines=5 status arena-server || true
echo "install: done; logs: journalctl -u arena-server -f"
