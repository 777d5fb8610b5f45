"""The desktop program (PySide6): windows, views, Qt models and workers; only here is Qt used."""

from village_tally.ui.qt_refcount import mend

mend()  # before any signal is emitted (qt_refcount: PySide 6.12 frees True otherwise)
