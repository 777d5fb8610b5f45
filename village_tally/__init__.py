"""Village Tally: a village points ledger, from paper field sheets to bulletin boards."""

__version__ = "0.1.0"
