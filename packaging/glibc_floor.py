"""Check the oldest system the one-folder program can run on: the highest GLIBC_ symbol
version that any bundled library or program needs must not exceed the stated floor.

    python3 packaging/glibc_floor.py dist/village-tally [--floor 2.35]

Reads every ELF file's version references with `objdump -p` (binutils), prints the highest
GLIBC_ and GLIBCXX_ versions and the files that need them, and exits 1 above the floor."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

FLOOR = "2.35"  # Ubuntu 22.04, Debian 12 and newer (README: the oldest system)
_NEED = re.compile(r"\b(GLIBC|GLIBCXX)_(\d+(?:\.\d+)*)\b")


def elf_files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    yield path


def needs(path: Path) -> dict[str, tuple[int, ...]]:
    """The highest version of each of GLIBC and GLIBCXX that the file's references name."""
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True,
                         check=True).stdout
    refs = out.split("Version References:", 1)[1] if "Version References:" in out else ""
    found: dict[str, tuple[int, ...]] = {}
    for name, version in _NEED.findall(refs):
        number = tuple(int(n) for n in version.split("."))
        found[name] = max(found.get(name, ()), number)
    return found


def text(version: tuple[int, ...]) -> str:
    return ".".join(map(str, version))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--floor", default=FLOOR)
    args = parser.parse_args()
    floor = tuple(int(n) for n in args.floor.split("."))
    highest: dict[str, tuple[tuple[int, ...], list[str]]] = {}
    count = 0
    for path in elf_files(args.folder):
        count += 1
        for name, version in needs(path).items():
            best, files = highest.get(name, ((), []))
            if version > best:
                highest[name] = (version, [str(path.relative_to(args.folder))])
            elif version == best:
                files.append(str(path.relative_to(args.folder)))
    for name, (version, files) in sorted(highest.items()):
        print(f"{name}_{text(version)} needed by {len(files)} file(s), e.g. {files[0]}")
    glibc = highest.get("GLIBC", ((), []))[0]
    print(f"{count} ELF files; highest GLIBC_{text(glibc)}, floor {args.floor}")
    if glibc > floor:
        print(f"FAIL: above the floor: {', '.join(highest['GLIBC'][1])}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
