"""Messages of printing."""

MESSAGES: dict[str, tuple[str, str]] = {}
