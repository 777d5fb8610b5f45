"""What File › Open scans and a drop on the window read, and whether the scan extra is there:
for menus, without importing the modules that read scans."""

from __future__ import annotations

from village_tally.scan import INSTALL, SUFFIXES, missing

SCAN_FILES = SUFFIXES
INSTALL_SCAN = INSTALL


def scan_extra_missing() -> str | None:
    """The library of the scan extra that is missing (None: scans can be read), for menus."""
    return missing()
