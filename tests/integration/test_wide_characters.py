"""Issue 22: wide characters in a real terminal. A player with a CJK full name and chat with CJK
text and an emoji, read back from tmux: the text is intact and each box's right border stays in
its column on the rows that hold wide characters (tmux lays out cells by wcwidth, as the client does)."""

import ctypes
import tempfile

import pytest

from conftest import BIN_DIR
from tmux_driver import arena, register_on_form

PASSWORD = "long enough password 1"
BORDERS = "│┐┘┤"

_libc = ctypes.CDLL("libc.so.6")
_libc.setlocale(6, b"C.UTF-8")  # LC_ALL


def columns(text):
    return sum(max(0, _libc.wcwidth(ord(c))) for c in text)


def right_border_columns(screen, rows):
    """The display column of the rightmost box border on each of `rows`."""
    lines = screen.split("\n")
    found = {}
    for y in rows:
        line = lines[y].rstrip()
        index = max(line.rfind(b) for b in BORDERS)
        assert index >= 0, f"no border on row {y}: {line!r}"
        found[y] = columns(line[:index])
    return found


@pytest.fixture
def player(server_factory):
    made = []

    def make(server):
        cfg = tempfile.mkdtemp(prefix="arena-wide-")
        t = arena(BIN_DIR, server.port, cfg, "--trust")
        made.append(t)
        return t

    yield make
    for t in made:
        t.close()


def test_a_cjk_full_name_and_emoji_chat_line_up(server_factory, player):
    s = server_factory()
    a, b = player(s), player(s)
    register_on_form(a, "yamada", PASSWORD, "山田太郎")
    register_on_form(b, "kate", PASSWORD)

    # The profile shows the full name in its field, inside the box.
    a.keys("p")
    screen = a.wait_for("Full name   山田太郎", "yamada@example.com")
    lines = screen.split("\n")
    name_row = next(y for y, line in enumerate(lines) if "山田太郎" in line)
    box_rows = [y for y, line in enumerate(lines) if line.strip().startswith(("│", "├"))]
    assert name_row in box_rows
    borders = right_border_columns(screen, box_rows)
    assert len(set(borders.values())) == 1, borders
    a.keys("Escape")
    a.wait_for("Welcome, yamada.")

    # A game between them, and chat with CJK and an emoji.
    a.keys("m")
    b.keys("m")
    a.wait_for("Match found")
    b.wait_for("Match found")
    b.keys("Tab")
    b.type("こんにちは 👋 gg")
    b.keys("Enter", "Tab")
    a.keys("Tab")
    a.type("山田です")
    a.keys("Enter", "Tab")
    for t in (a, b):
        screen = t.wait_for("kate: こんにちは 👋 gg", "yamada: 山田です")
        lines = screen.split("\n")
        chat_rows = [y for y in range(1, 22) if any(c in lines[y] for c in BORDERS)]
        rows_with_wide = [y for y in chat_rows if "こんにちは" in lines[y] or "山田です" in lines[y]]
        assert len(rows_with_wide) == 2, screen
        borders = right_border_columns(screen, chat_rows)
        assert set(borders.values()) == {79}, (borders, screen)
