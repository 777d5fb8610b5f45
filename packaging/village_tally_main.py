"""The bundle's entry point: the command line, which with no command opens the desktop program
(the same `village_tally.cli:main` that `pip install` makes into `village-tally`).

Two ways in for checking an installed program, by environment variable:
VILLAGE_TALLY_SELF_CHECK=FOLDER runs its self-check (village_tally/ui/selfcheck.py; the smoke
test's way in, and a person's on a real machine); VILLAGE_TALLY_RUN_SCRIPT=FILE.py runs a Python
file with the bundle's interpreter and modules (packaging/measure.py times start-up so)."""

import os
import runpy
import sys

folder = os.environ.get("VILLAGE_TALLY_SELF_CHECK")
script = os.environ.pop("VILLAGE_TALLY_RUN_SCRIPT", "")
if folder:
    from village_tally.ui.selfcheck import main as self_check

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    raise SystemExit(self_check(folder))
if script:
    sys.argv = [script, *sys.argv[1:]]
    runpy.run_path(script, run_name="__main__")
    raise SystemExit(0)

from village_tally.cli import main  # noqa: E402

raise SystemExit(main())
