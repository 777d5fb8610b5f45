"""Wrap the one-folder program in a .deb for Debian-based desktops (UOS, Kylin, deepin, Debian,
Ubuntu) with dpkg-deb alone:

    python3 packaging/deb.py dist/village-tally [--out dist]

/opt/village-tally holds the program; /usr/bin/village-tally (the CLI on the PATH, and what
the menu entry runs) points at it; a menu entry with the red-star icon in every hicolor size.
Depends lists, by Debian package, every system library the bundle links and does not carry:
a library no entry of SYSTEM_LIBRARIES names stops the build, so the list stays true. The oldest
system is checked separately (packaging/glibc_floor.py): libc6 (>= FLOOR)."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
from glibc_floor import FLOOR, elf_files  # noqa: E402

NAME = "village-tally"
ICONS = ROOT / "village_tally" / "assets" / "icons"

# soname prefix -> the Debian/Ubuntu package that has it (the same names from Ubuntu 22.04 and
# Debian 12 on; Ubuntu 24.04's t64 packages provide the old names).
SYSTEM_LIBRARIES = {
    "ld-linux-x86-64.so": "libc6", "libc.so": "libc6", "libdl.so": "libc6", "libm.so": "libc6",
    "libpthread.so": "libc6", "libresolv.so": "libc6", "librt.so": "libc6",
    "libstdc++.so": "libstdc++6", "libgcc_s.so": "libgcc-s1",
    "libEGL.so": "libegl1", "libGL.so": "libgl1", "libOpenGL.so": "libopengl0",
    "libX11.so": "libx11-6", "libX11-xcb.so": "libx11-xcb1",
    "libbrotlicommon.so": "libbrotli1", "libbrotlidec.so": "libbrotli1",
    "libcups.so": "libcups2", "libdbus-1.so": "libdbus-1-3", "libfontconfig.so": "libfontconfig1",
    "libfreetype.so": "libfreetype6", "libglib-2.0.so": "libglib2.0-0",
    "libgthread-2.0.so": "libglib2.0-0", "libgssapi_krb5.so": "libgssapi-krb5-2",
    "libwayland-client.so": "libwayland-client0", "libwayland-cursor.so": "libwayland-cursor0",
    "libwayland-egl.so": "libwayland-egl1", "libxcb.so": "libxcb1",
    "libxcb-cursor.so": "libxcb-cursor0", "libxcb-glx.so": "libxcb-glx0",
    "libxcb-icccm.so": "libxcb-icccm4", "libxcb-image.so": "libxcb-image0",
    "libxcb-keysyms.so": "libxcb-keysyms1", "libxcb-randr.so": "libxcb-randr0",
    "libxcb-render-util.so": "libxcb-render-util0", "libxcb-render.so": "libxcb-render0",
    "libxcb-shape.so": "libxcb-shape0", "libxcb-shm.so": "libxcb-shm0",
    "libxcb-sync.so": "libxcb-sync1", "libxcb-util.so": "libxcb-util1",
    "libxcb-xfixes.so": "libxcb-xfixes0", "libxcb-xkb.so": "libxcb-xkb1",
    "libxkbcommon-x11.so": "libxkbcommon-x11-0", "libxkbcommon.so": "libxkbcommon0",
    "libzstd.so": "libzstd1",
}

DESKTOP = """[Desktop Entry]
Type=Application
Name=Village Tally
Name[zh_CN]=村务积分
GenericName=Village points ledger
GenericName[zh_CN]=村务积分台账
Comment=Paper field sheets in, bulletin boards and door signs out
Comment[zh_CN]=录入纸质登记表，打印积分榜和门牌
Exec=/usr/bin/village-tally
Icon=village-tally
Terminal=false
Categories=Office;Finance;
Keywords=points;ledger;village;积分;村务;
StartupWMClass=village-tally
"""

COPYRIGHT = """Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Village Tally

Files: *
License: GPL-3.0-or-later
Comment: Village Tally itself, its icon (a red star drawn for the project) and user guide.
 On Debian systems the licence is in /usr/share/common-licenses/GPL-3.

Files: opt/village-tally/_internal/village_tally/assets/fonts/wqy-microhei.ttc
License: Apache-2.0 or GPL-3.0-or-later with font exception
Comment: WenQuanYi Micro Hei; see wqy-microhei.LICENSE beside the font.

Files: opt/village-tally/_internal/village_tally/assets/fonts/hanazono-ext.ttf
License: Hanazono Font licence or SIL OFL 1.1
Comment: a subset of Hanazono Mincho A; see hanazono-ext.LICENSE beside the font.

Files: opt/village-tally/_internal/PySide6/* opt/village-tally/_internal/shiboken6/*
 opt/village-tally/_internal/libQt6* opt/village-tally/_internal/libicu*
License: LGPL-3.0-only
Comment: Qt 6 and Qt for Python (PySide6), unmodified, from their PyPI wheels; ICU under the
 Unicode licence.

Files: opt/village-tally/_internal/libpython3* opt/village-tally/_internal/python3*
License: PSF-2.0
Comment: CPython 3.11, bundled by PyInstaller (GPL-2.0 with a bootloader exception).

Files: opt/village-tally/_internal/reportlab/* opt/village-tally/_internal/PIL/*
 opt/village-tally/_internal/sqlalchemy/* opt/village-tally/_internal/alembic/*
 opt/village-tally/_internal/openpyxl/* opt/village-tally/_internal/python_calamine/*
 opt/village-tally/_internal/pypinyin/*
License: BSD-3-Clause or MIT or HPND (each library's own)
Comment: reportlab (BSD), Pillow (MIT-CMU/HPND), SQLAlchemy and Alembic (MIT), openpyxl (MIT),
 python-calamine (MIT), pypinyin (MIT), defusedxml (PSF).
"""


def version() -> str:
    text = (ROOT / "village_tally" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    if found is None:
        raise SystemExit("no __version__ in village_tally/__init__.py")
    return found.group(1)


def depends(bundle: Path) -> list[str]:
    """The Debian packages for every library the bundle links but does not carry."""
    carried = {p.name for p in bundle.rglob("*.so*")}
    needed: set[str] = set()
    for path in elf_files(bundle):
        dump = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True,
                              check=True).stdout
        needed |= set(re.findall(r"NEEDED\s+(\S+)", dump))
    packages, unknown = set(), []
    for soname in sorted(needed - carried):
        prefix = soname.split(".so")[0] + ".so"
        if prefix in SYSTEM_LIBRARIES:
            packages.add(SYSTEM_LIBRARIES[prefix])
        else:
            unknown.append(soname)
    if unknown:
        raise SystemExit(f"no Debian package known for {', '.join(unknown)}: add it to "
                         "SYSTEM_LIBRARIES in packaging/deb.py")
    packages.discard("libc6")
    return [f"libc6 (>= {FLOOR})", *sorted(packages)]


def control(ver: str, deps: list[str], size_kb: int) -> str:
    return (f"Package: {NAME}\nVersion: {ver}\nArchitecture: amd64\nSection: misc\n"
            f"Priority: optional\nMaintainer: Village Tally <village-tally@localhost>\n"
            f"Installed-Size: {size_kb}\nDepends: {', '.join(deps)}\n"
            "Description: village points ledger (村务积分)\n"
            " Transcribe paper field sheets, approve and close the month, print the bulletin\n"
            " board with its red stars and flags, door signs, tally sheets and statements,\n"
            " in Simplified Chinese and English.\n")


def stage(bundle: Path, root: Path, ver: str) -> None:
    opt = root / "opt" / NAME
    shutil.copytree(bundle, opt, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / NAME).symlink_to(f"/opt/{NAME}/{NAME}")
    apps = root / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    (apps / f"{NAME}.desktop").write_text(DESKTOP, encoding="utf-8")
    for png in ICONS.glob("village-tally-*.png"):
        size = png.stem.rsplit("-", 1)[1]
        target = root / "usr/share/icons/hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, target)
    scalable = root / "usr/share/icons/hicolor/scalable/apps"
    scalable.mkdir(parents=True)
    shutil.copyfile(ICONS / "village-tally.svg", scalable / f"{NAME}.svg")
    doc = root / "usr" / "share" / "doc" / NAME
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(COPYRIGHT, encoding="utf-8")
    size_kb = sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) // 1024
    debian = root / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(control(ver, depends(bundle), size_kb), encoding="utf-8")
    for path in root.rglob("*"):  # what dpkg expects, whatever the build's umask
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or path.stat().st_mode & 0o111 else 0o644)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    ver = version()
    out = args.out.resolve() / f"{NAME}_{ver}_amd64.deb"
    with tempfile.TemporaryDirectory(prefix="vt-deb-") as tmp:
        root = Path(tmp) / "root"
        stage(args.bundle.resolve(), root, ver)
        # xz at level 1: 53 MB in half a minute here; level 6 saves 5 MB for five times the time
        # (packaging/measure.py)
        subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z1", "--build", str(root),
                        str(out)], check=True, stdout=subprocess.DEVNULL)
    print(f"{out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
