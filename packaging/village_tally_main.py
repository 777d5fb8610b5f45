"""The bundle's entry point: the command line, which with no command opens the desktop program
(the same `village_tally.cli:main` that `pip install` makes into `village-tally`).

VILLAGE_TALLY_SELF_CHECK=FOLDER runs the installed program's self-check instead
(village_tally/ui/selfcheck.py): the smoke test's way in, and a person's on a real machine."""

import os

folder = os.environ.get("VILLAGE_TALLY_SELF_CHECK")
if folder:
    from village_tally.ui.selfcheck import main as self_check

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    raise SystemExit(self_check(folder))

from village_tally.cli import main  # noqa: E402

raise SystemExit(main())
