"""The command line's words for the domain fields a problem names: its options and arguments.

Services name fields (`core.problem.Field`); the command line prints a problem with the option
a person typed for that field (`--month: 2026-11 has not ended`). A command whose positional
argument stands for a field says so where it declares it (`set_defaults(options={...})`).
"""

from __future__ import annotations

from collections.abc import Mapping

from village_tally.core.problem import Field

OPTIONS: Mapping[Field, str] = {
    Field.MONTH: "--month", Field.QUARTER: "--quarter", Field.DATE: "--date",
    Field.PERSON: "--by", Field.RECORDER: "--recorder", Field.NAME: "--name",
    Field.HOUSEHOLD: "--household", Field.DOOR_PLATE: "--door-plate",
    Field.AREA: "--area", Field.NEW_NAME: "NEW",
    Field.VILLAGE: "--village", Field.SCHEME: "--scheme", Field.RULE: "--rule",
    Field.QUANTITY: "--quantity", Field.POINTS: "--points", Field.TEXT: "--deed",
    Field.NOTE: "--note", Field.OVERRIDE: "--override", Field.SHEET: "--sheet",
    Field.LINE: "--line", Field.REASON: "--reason", Field.DEED: "DEED_ID", Field.FILE: "FILE",
    Field.OUT: "--out",
    Field.DATABASE: "--db", Field.KIND: "KIND", Field.PAPER: "--paper", Field.ORDER: "--order",
    Field.PER_SHEET: "--per-sheet", Field.SHEETS: "--sheets", Field.BRACKETS: "--brackets",
    Field.VERIFICATION_CODE: "--code",
}


def options_for(positionals: Mapping[Field, str] | None) -> Mapping[Field, str]:
    """The table for one command: its positional arguments over the common options."""
    return {**OPTIONS, **positionals} if positionals else OPTIONS
