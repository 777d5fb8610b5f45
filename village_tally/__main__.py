"""`python -m village_tally` runs the command line (no command: the desktop program)."""

from village_tally.cli import main

raise SystemExit(main())
