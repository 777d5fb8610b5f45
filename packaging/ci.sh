#!/usr/bin/env bash
# The packaging check .ci/run runs after README's test command: build the one-folder program
# from this checkout (pip install . in build/venv), check its glibc floor, run the frozen smoke
# test against the venv (.venv, installed by .ci/run), type Chinese into it through fcitx5, wrap
# it in a .deb and install, launch and remove that. Root or a user with sudo (the .deb test installs packages).
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
# PyInstaller reads the bundled libraries' needs with objdump (binutils), and needs Python as a
# shared library: Debian's python3 is built static and keeps it in libpython3.X.
$SUDO apt-get install -y -qq --no-install-recommends binutils >/dev/null
if [ "$(python3 -c 'import sysconfig; print(sysconfig.get_config_var("Py_ENABLE_SHARED"))')" != 1 ]
then
    $SUDO apt-get install -y -qq --no-install-recommends \
        "libpython$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')" >/dev/null
fi
python3 packaging/build.py
python3 packaging/glibc_floor.py dist/village-tally
.venv/bin/python packaging/smoke.py dist/village-tally/village-tally
bash packaging/fcitx_test.sh dist/village-tally/village-tally
python3 packaging/deb.py dist/village-tally
bash packaging/deb_test.sh dist/village-tally_*_amd64.deb
echo "packaging: 5 passed, 0 failed"
