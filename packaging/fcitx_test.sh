#!/usr/bin/env bash
# Chinese typed through fcitx5 into the bundled program's Qt: fcitx5 with its pinyin engine runs
# on a virtual X screen with its own session bus, QT_IM_MODULE=fcitx as UOS and Kylin set it, and
# xdotool types "zhong" and a space into a text field the bundle shows; it must receive 中.
#
#     packaging/fcitx_test.sh dist/village-tally/village-tally
#
# Root or sudo (installs fcitx5, fcitx5-chinese-addons, xvfb, xdotool, dbus-x11; no CJK font).
set -euo pipefail
program=$(readlink -f "$1")
here=$(cd "$(dirname "$0")" && pwd)
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -qq --no-install-recommends fcitx5 fcitx5-chinese-addons xvfb xauth \
    xdotool dbus-x11 >/dev/null
work=$(mktemp -d)
# fcitx5 may still be writing its settings as the script ends: the clean-up never fails the test.
trap 'rm -rf "$work" 2>/dev/null || true' EXIT
mkdir -p "$work/config/fcitx5"
# fcitx5 with pinyin, on from the start (the desktop's own settings do this on UOS and Kylin)
printf '[Groups/0]\nName=Default\nDefault Layout=us\nDefaultIM=pinyin\n\n[Groups/0/Items/0]\nName=keyboard-us\nLayout=\n\n[Groups/0/Items/1]\nName=pinyin\nLayout=\n\n[GroupOrder]\n0=Default\n' \
    >"$work/config/fcitx5/profile"
printf '[Behavior]\nActiveByDefault=True\n' >"$work/config/fcitx5/config"
export HOME="$work" XDG_CONFIG_HOME="$work/config" PROGRAM="$program" HERE="$here"
xvfb-run -a -s "-screen 0 1024x768x24" dbus-run-session -- bash -c '
    fcitx5 -d --replace >"$HOME/fcitx5.log" 2>&1
    for _ in $(seq 30); do ls "$HOME"/config/ibus/bus/*-unix-* >/dev/null 2>&1 && break; sleep 1; done
    QT_IM_MODULE=fcitx XMODIFIERS=@im=fcitx QT_QPA_PLATFORM=xcb \
        VILLAGE_TALLY_RUN_SCRIPT="$HERE/fcitx_typing.py" "$PROGRAM" 15 >"$HOME/typing.log" 2>&1 &
    pid=$!
    for _ in $(seq 30); do xdotool search --name vt-typing >/dev/null 2>&1 && break; sleep 1; done
    window=$(xdotool search --name vt-typing | head -n 1)
    xdotool windowactivate --sync "$window" >/dev/null 2>&1 || true
    sleep 2
    xdotool type --delay 150 zhong
    sleep 1
    xdotool key space
    wait "$pid" || true
    pkill -x fcitx5 || true
' 2>/dev/null || true
cat "$work/typing.log"
grep -q "typed: 中" "$work/typing.log" || { echo "fcitx test: FAILED"; tail -20 "$work/fcitx5.log"; exit 1; }
echo "fcitx test: 中 typed through fcitx5 into the bundle's Qt: passed"
