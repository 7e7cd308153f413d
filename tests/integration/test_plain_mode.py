"""Issue 8: `arena --plain`, the accessible line mode, driven through a pty against a real server.
Three real clients: two play a whole game with chat, a third watches it; then the leaderboard and a
player's stats are read back, all as plain sentences a screen reader can follow."""

import os
import tempfile

import pexpect
import pytest

from conftest import BIN_DIR

PASSWORD = "long enough password 1"


@pytest.fixture
def plain(server_factory):
    made = []

    def make(server, name):
        cfg = tempfile.mkdtemp(prefix=f"arena-plain-{name}-")
        env = dict(os.environ, ARENA_CONFIG_DIR=cfg, LANG="C.UTF-8", TERM="xterm-256color")
        c = pexpect.spawn(
            str(BIN_DIR / "arena"),
            ["--plain", "--trust", "--server", f"localhost:{server.port}"],
            env=env,
            encoding="utf-8",
            timeout=20,
            dimensions=(24, 200),
        )
        made.append(c)
        return c

    yield make
    for c in made:
        if c.isalive():
            c.terminate(force=True)


def register(c, name):
    c.expect_exact("Type login, register, or help.")
    c.sendline("register")
    c.expect_exact("Email:")
    c.sendline(f"{name}@example.com")
    c.expect_exact("Username:")
    c.sendline(name)
    c.expect_exact("Password (not shown):")
    c.sendline(PASSWORD)
    c.expect_exact("Full name (optional, Enter to skip):")
    # The password was typed with echo off: it never shows up.
    assert PASSWORD not in c.before
    c.sendline("")
    c.expect_exact(f"Logged in as {name}, rating 1200.")


def test_two_players_and_a_watcher_follow_a_whole_game_in_sentences(server_factory, plain):
    s = server_factory()
    alice, bob, carol = plain(s, "alice"), plain(s, "bob"), plain(s, "carol")
    for c, name in ((alice, "alice"), (bob, "bob"), (carol, "carol")):
        register(c, name)

    alice.sendline("help")
    alice.expect_exact("move A1 (or just A1 or 1-9)")

    alice.sendline("new")
    alice.expect_exact("Game open. Waiting for an opponent to join.")
    bob.sendline("lobby")
    bob.expect_exact("1. alice's open game. Type join 1.")
    bob.sendline("join 1")
    bob.expect_exact("Game against alice: you play O. alice to move.")
    alice.expect_exact("bob joined. You play X. Your move.")

    alice.sendline("B1")
    alice.expect_exact("You played B1. bob to move.")
    bob.expect_exact("alice played B1. Your move.")
    bob.sendline("move a1")
    bob.expect_exact("You played A1. alice to move.")
    alice.expect_exact("bob played A1. Your move.")

    # Out of turn and taken squares are refused in words.
    bob.sendline("C3")
    bob.expect_exact("Wait for your turn.")
    alice.sendline("A1")
    alice.expect_exact("That square is taken.")

    alice.sendline("say good luck")
    bob.expect_exact("alice says: good luck")

    carol.sendline("watch")
    carol.expect_exact("Live: alice against bob, move 3. Type watch 1.")
    carol.sendline("watch 1")
    carol.expect_exact("Watching alice (X) against bob (O). Board: O on A1, X on B1. alice to move.")

    alice.sendline("5")
    bob.expect_exact("alice played B2. Your move.")
    carol.expect_exact("alice played B2. bob to move.")
    bob.sendline("C1")
    alice.expect_exact("bob played C1. Your move.")
    alice.sendline("board")
    alice.expect_exact("Row 1: A1 O, B1 X, C1 O.")
    alice.expect_exact("Row 2: A2 empty, B2 X, C2 empty.")
    alice.sendline("B3")
    alice.expect_exact("You played B3. You won! Rating 1200 to 1220 (+20).")
    bob.expect_exact("alice played B3. alice won. Rating 1200 to 1180 (-20).")
    carol.expect_exact("alice played B3. alice won.")

    alice.sendline("leave")
    alice.expect_exact("Back in the lobby.")
    alice.sendline("leaders")
    alice.expect_exact("Leaderboard, 1 to 2 of 2:")
    alice.expect_exact("1. alice (you), rating 1220, 1 won, 0 lost, 0 drawn.")
    alice.expect_exact("2. bob, rating 1180, 0 won, 1 lost, 0 drawn.")
    alice.sendline("stats bob")
    alice.expect_exact("bob: rating 1180, rank 2.")
    alice.expect_exact("loss against alice, rating 1200 to 1180 (-20).")

    for c in (alice, bob, carol):
        c.sendline("quit")
        c.expect_exact("Goodbye.")
        c.expect(pexpect.EOF)
        c.close()
        assert c.exitstatus == 0


def test_friends_profile_and_logout_by_typed_commands(server_factory, plain):
    s = server_factory()
    dave, erin = plain(s, "dave"), plain(s, "erin")
    register(dave, "dave")
    register(erin, "erin")
    dave.sendline("friend add erin")
    dave.expect_exact("Friend request sent to erin.")
    erin.sendline("friends")
    erin.expect_exact("dave asks to be friends: friend accept dave or friend decline dave.")
    erin.sendline("friend accept dave")
    erin.expect_exact("You and dave are friends now.")
    dave.sendline("lobby")
    dave.expect_exact("Friends online: erin.")

    dave.sendline("profile name Dave Davis")
    dave.expect_exact("Profile saved.")
    dave.sendline("profile")
    dave.expect_exact("Full name: Dave Davis. Email: dave@example.com.")

    dave.sendline("password")
    dave.expect_exact("Current password (not shown):")
    dave.sendline(PASSWORD)
    dave.expect_exact("New password (not shown):")
    dave.sendline("an even longer password 2")
    dave.expect_exact("Password changed.")
    assert "an even longer password 2" not in dave.before

    dave.sendline("logout")
    dave.expect_exact("Logged out.")
    dave.sendline("login dave")
    dave.expect_exact("Password (not shown):")
    dave.sendline("an even longer password 2")
    dave.expect_exact("Logged in as dave, rating 1200.")
    # End of input quits cleanly too.
    dave.sendeof()
    dave.expect(pexpect.EOF)
    dave.close()
    assert dave.exitstatus == 0


def test_a_quiet_game_outlives_the_access_token(server_factory, plain):
    """Access tokens live 30 s here; the client refreshes them and hands each new one to its open
    socket, so a move made long after the last one is still accepted."""
    import time

    s = server_factory({"access_token_seconds": "30"})
    gina, hank = plain(s, "gina"), plain(s, "hank")
    register(gina, "gina")
    register(hank, "hank")
    gina.sendline("new")
    gina.expect_exact("Waiting for an opponent")
    hank.sendline("lobby")
    hank.expect_exact("Type join 1.")
    hank.sendline("join 1")
    gina.expect_exact("Your move.")
    time.sleep(45)
    gina.sendline("B2")
    gina.expect_exact("You played B2. hank to move.")
    hank.expect_exact("gina played B2. Your move.")
    hank.sendline("say still here")
    gina.expect_exact("hank says: still here")
