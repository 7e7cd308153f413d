"""Drives the real `arena` binary in a real terminal: tmux at a fixed size, keys by send-keys,
the screen read back with capture-pane, as a player sees it."""

import os
import shlex
import subprocess
import time
import uuid


class Terminal:
    def __init__(self, command, env=None, width=80, height=24, cwd=None):
        self.name = "arena-" + uuid.uuid4().hex[:8]
        self.width, self.height = width, height
        env_prefix = " ".join(f"{k}={shlex.quote(str(v))}" for k, v in (env or {}).items())
        full = f"env {env_prefix} {command}" if env_prefix else command
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), full],
            check=True, cwd=cwd,
        )
        # Keep the pane after the program exits so a failure's last screen can be read.
        subprocess.run(["tmux", "set-option", "-t", self.name, "remain-on-exit", "on"], check=False)

    def keys(self, *keys):
        """tmux key names (Enter, Tab, Escape, Up, C-r) or literal text."""
        for k in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, k], check=True)

    def type(self, text):
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)

    def screen(self):
        r = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True)
        return r.stdout

    def wait_for(self, *texts, timeout=20, absent=None):
        """Waits until every text is on screen (and `absent`, if given, is not); returns the screen.

        The screen is the only event a terminal gives: this polls it until the condition holds."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(t in screen for t in texts) and (absent is None or absent not in screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {texts!r} (absent={absent!r}); screen:\n{screen}")

    def is_alive(self):
        r = subprocess.run(
            ["tmux", "list-panes", "-t", self.name, "-F", "#{pane_dead}"], capture_output=True, text=True
        )
        return r.returncode == 0 and r.stdout.strip() == "0"

    def close(self):
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def arena(bin_dir, port, cfg, *flags):
    """The real client in a UTF-8 terminal, with its own config dir."""
    return Terminal(
        " ".join([str(bin_dir / "arena"), *flags, "--server", f"localhost:{port}"]),
        env={"ARENA_CONFIG_DIR": cfg, "LANG": "C.UTF-8", "TERM": "xterm-256color"},
    )


def register_on_form(t, name, password, full_name=""):
    """Fills the register form from the login screen; returns the lobby's screen."""
    t.wait_for("Log in")
    t.keys("C-r")
    t.wait_for("Create an account")
    t.type(f"{name}@example.com")
    t.keys("Tab")
    t.type(name)
    t.keys("Tab")
    t.type(password)
    t.keys("Tab")
    if full_name:
        t.type(full_name)
    t.keys("Enter")
    return t.wait_for(f"Welcome, {name}.")
