#!/usr/bin/env bash
# Install the .deb as a village computer's administrator would, use the command line from the
# PATH, launch the program from its menu entry in a real X window (Xvfb), run the installed
# program's self-check on that screen, then remove it and check nothing is left:
#
#     packaging/deb_test.sh dist/village-tally_*.deb
#
# Works as root and as a user with sudo. Installs xvfb, xauth and xdotool (to see the window),
# desktop-file-utils (to check the menu entry) and poppler-utils (to read the PDF's fonts).
set -euo pipefail
deb=$(readlink -f "$1")
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
fail() { echo "deb test: FAILED: $*" >&2; exit 1; }

$SUDO apt-get install -y -qq --no-install-recommends xvfb xauth xdotool desktop-file-utils \
    poppler-utils >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "$deb" >/dev/null || fail "apt-get install"
[ "$(command -v village-tally)" = /usr/bin/village-tally ] || fail "village-tally not on PATH"
desktop-file-validate /usr/share/applications/village-tally.desktop || fail "menu entry"
[ -f /usr/share/icons/hicolor/48x48/apps/village-tally.png ] || fail "no icon"

work=$(mktemp -d)
trap 'rm -rf "$work" 2>/dev/null || true' EXIT
export HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
# The secretary init names signs in with this PIN for the writing commands.
export VILLAGE_TALLY_NEW_PIN=1234 VILLAGE_TALLY_PIN=1234
db="$work/v.db"
# Use it: the command line from the PATH.
village-tally --lang zh --db "$db" init --village 马家村 --secretary 马书记 >/dev/null \
    || fail "init"
village-tally --lang zh --db "$db" --as 马书记 resident add --name 马少军 --household 0001 --head \
    || fail "resident add"
village-tally --lang zh --db "$db" --as 马书记 enter --name 马少军 --date 2026-11-03 --rule L1 \
    --quantity 2 --sheet 一片-0001 --line 1 >/dev/null || fail "enter"
village-tally --lang zh --db "$db" board --month 2026-11 --out "$work/board.pdf" \
    || fail "board"
pdffonts "$work/board.pdf" | grep -q WenQuanYi || fail "the board's font is not embedded"

# Launch it from the menu entry, in a real X window, and see its window appear.
exec_line=$(sed -n 's/^Exec=//p' /usr/share/applications/village-tally.desktop)
VILLAGE_TALLY_DB="$db" EXEC="$exec_line" xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    $EXEC --lang zh >"$HOME/gui.log" 2>&1 &
    pid=$!
    for _ in $(seq 90); do
        if xdotool search --name "马家村" >/dev/null 2>&1; then break; fi
        sleep 1
    done
    found=$(xdotool search --name "马家村" 2>/dev/null | head -n 1)
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    [ -n "$found" ] || { cat "$HOME/gui.log"; exit 1; }
    # The installed program checks itself on the same X screen: font, Qt Chinese, a board.
    QT_QPA_PLATFORM=xcb VILLAGE_TALLY_SELF_CHECK="$HOME/check" village-tally >"$HOME/check.log" \
        || { cat "$HOME/check.log"; exit 1; }
' || fail "the window did not open from the menu entry, or the self-check failed"
echo "deb test: the window opened under X; self-check: $(tr -d '\n ' <"$work/check/report.json" | head -c 400)"

$SUDO apt-get remove -y -qq village-tally >/dev/null || fail "apt-get remove"
for path in /opt/village-tally /usr/bin/village-tally /usr/share/applications/village-tally.desktop; do
    [ ! -e "$path" ] || fail "$path is left after removal"
done
echo "deb test: installed, used, launched from the menu entry and removed: passed"
