"""README's commands run as root (who may have no sudo) and as a user with sudo alike (#16)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READMES = [ROOT / "README.md", *sorted(ROOT.glob("village_tally/*/README.md")),
           *sorted(ROOT.glob("packaging/*.md"))]
AS_ROOT_OR_SUDO = 'S=$([ "$(id -u)" = 0 ] || echo sudo); '
SUDO_COMMAND = re.compile(r"(?:^|&&|;|\|\||\{)\s*(?:sudo|\$S)\s")


def commands(text: str) -> list[str]:
    """What a reader copies: the lines of code blocks and every inline code span."""
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)
    inline = re.findall(r"`([^`\n]+)`", re.sub(r"^```.*?^```", "", text,
                                                flags=re.MULTILINE | re.DOTALL))
    return [line for block in blocks for line in block.splitlines()] + inline


def test_every_command_that_needs_root_runs_as_root_and_with_sudo() -> None:
    """A root shell on a Debian set up with a root password has no sudo: each command that
    needs root says `$S` and defines it itself, since each is copied alone."""
    needing_root = [c for path in READMES for c in commands(path.read_text(encoding="utf-8"))
                    if SUDO_COMMAND.search(c)]
    assert len(needing_root) >= 5  # set up, test, PostgreSQL, LibreOffice, the .deb
    assert [c for c in needing_root if not c.startswith(AS_ROOT_OR_SUDO)
            or re.search(r"(?:^|&&|;|\{)\s*sudo\s", c)] == []


def test_the_check_catches_a_bare_sudo() -> None:
    assert commands("run `sudo apt-get install x` first\n```sh\nsudo make\n```\n") == [
        "sudo make", "sudo apt-get install x"]
