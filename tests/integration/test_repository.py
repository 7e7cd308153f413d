"""Issue 22: a clone of this repository is complete. No tracked file points outside it (the contract
lives in docs/CONTRACT.md, not in a sibling folder), and every relative link in its markdown
resolves to a file in the repository."""

import re
import subprocess

from conftest import ROOT

# Built from parts so this file does not match itself.
OUTSIDE_REFERENCES = ["../" + "shared", "/work/" + "shared", "STACK-" + "NOTES"]

# [text](target) and [text](target "title"); images too. Autolinks and reference links are not used.
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def tracked_text_files():
    names = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    for name in filter(None, names):
        path = ROOT / name
        if not path.is_file():
            continue  # deleted in the work tree but not yet in the index
        data = path.read_bytes()
        if b"\0" in data[:8192]:
            continue  # binary
        yield name, data.decode("utf-8", errors="replace")


def markdown_files():
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_no_tracked_file_refers_outside_the_repository():
    offenders = [
        f"{name}:{number}: {line.strip()}"
        for name, text in tracked_text_files()
        for number, line in enumerate(text.splitlines(), 1)
        if any(ref in line for ref in OUTSIDE_REFERENCES)
    ]
    assert offenders == [], "references outside the repository:\n" + "\n".join(offenders)


def test_every_relative_markdown_link_resolves_inside_the_repository():
    files = markdown_files()
    assert (ROOT / "docs" / "CONTRACT.md") in files
    broken = []
    checked = 0
    for md in files:
        for number, line in enumerate(md.read_text(encoding="utf-8").splitlines(), 1):
            for target in LINK.findall(line):
                if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
                    continue  # a URL (https:, mailto:) or an anchor in the same file
                path = target.split("#", 1)[0]
                resolved = (md.parent / path).resolve()
                checked += 1
                if not resolved.is_relative_to(ROOT) or not resolved.exists():
                    broken.append(f"{md.relative_to(ROOT)}:{number}: {target}")
    assert checked > 0, "the link pattern found no links at all"
    assert broken == [], "links that do not resolve to a file in the repository:\n" + "\n".join(broken)


def test_the_link_check_catches_a_link_out_of_the_repository():
    # The pattern the checks above rely on, on the kind of line this issue was about.
    outside = "../" + "shared/CONTRACT.md"
    targets = LINK.findall(f"see [the contract]({outside}) and [spec](openapi.yaml \"REST\")")
    assert targets == [outside, "openapi.yaml"]
    assert not (ROOT / "README.md").parent.joinpath(targets[0]).resolve().is_relative_to(ROOT)
