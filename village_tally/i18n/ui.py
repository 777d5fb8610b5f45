"""Messages of ui."""

MESSAGES: dict[str, tuple[str, str]] = {}
