"""Messages of exchange."""

MESSAGES: dict[str, tuple[str, str]] = {}
