"""Reading scanned field sheets: images and PDF pages in, registered pages and bubble ink out.

The one package that imports OpenCV, zxing-cpp, numpy and pdfium (the `scan` extra); the rest
of the program works without them and imports this package's modules only when it reads
scans. `require()` says plainly what is missing."""

from __future__ import annotations

import importlib

INSTALL = "pip install 'village-tally[scan]'"
MODULES = ("numpy", "cv2", "zxingcpp", "pypdfium2")
SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")  # the files read as scans


class ScanUnavailable(Exception):
    """The scan extra is not installed: names the missing module."""

    def __init__(self, missing: str) -> None:
        super().__init__(missing)
        self.missing = missing


def require() -> None:
    """Raise ScanUnavailable unless every library of the scan extra imports."""
    for name in MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            raise ScanUnavailable(name) from None


def missing() -> str | None:
    """The first library of the scan extra that is not installed, found without importing
    any (OpenCV alone takes a while to import): for menus."""
    import sys
    from importlib.util import find_spec

    def absent(name: str) -> bool:
        if name in sys.modules:  # imported already, or blocked (None: import fails)
            return sys.modules[name] is None
        return find_spec(name) is None

    return next((name for name in MODULES if absent(name)), None)
