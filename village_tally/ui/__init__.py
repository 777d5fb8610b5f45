"""The desktop program (PySide6): windows, views, Qt models and workers; only here is Qt used."""

import gc

from village_tally.services import collector

# Start-up (bench/bench_startup.py): the services that open a village, and SQLAlchemy with them,
# are imported before PySide6, whose import hook reads the source of every module named in an
# import after it (336 modules before data ready, 73-75 ms of CPU; 114-161 so), with Python's
# collector paused over the imports (on, it ran ~130 collections over what they made, one of
# them full: 43-50 ms), and what they made frozen (it lives as long as the program).
collector.pause()
try:
    import village_tally.services.people  # noqa: F401
    import village_tally.services.session  # noqa: F401
    from village_tally.ui.qt_refcount import mend

    mend()  # before the program calls Qt (qt_refcount: PySide 6.12 on Python 3.11 frees None)
    gc.freeze()
finally:  # a failed import (a broken installation) leaves the collector running
    collector.resume()
