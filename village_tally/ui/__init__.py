"""The desktop program (PySide6): windows, views, Qt models and workers; only here is Qt used."""
