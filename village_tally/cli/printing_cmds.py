"""Command-line commands for printing."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add this area's commands to the parser."""
    del sub, lang
