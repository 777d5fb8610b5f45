"""The desktop program (PySide6): windows, views, Qt models and workers; only here is Qt used."""

from village_tally.ui.qt_refcount import mend

mend()  # before the program calls Qt (qt_refcount: PySide 6.12 on Python 3.11 frees None)
