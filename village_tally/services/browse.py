"""Reading the ledger page by page for the desktop program's lazy table (keyset paging)."""

from __future__ import annotations

from village_tally.core.deed import Deed
from village_tally.core.names import normalize_name
from village_tally.services.session import Ledger, read
from village_tally.store import browse
from village_tally.store.deeds import DeedFilter


def deed_page(ledger: Ledger, filters: DeedFilter, *, before: int | None = None,
              limit: int = 200) -> list[Deed]:
    """The next page of deeds, newest first, after the deed id `before` (None: from the top)."""
    with read(ledger) as conn:
        return browse.deed_page(conn, ledger.village_id, filters, before=before, limit=limit)


def sheet_deeds(ledger: Ledger, sheet: str) -> list[Deed]:
    """What is already entered from a paper sheet, so the entry screen can show it again."""
    with read(ledger) as conn:
        return browse.sheet_deeds(conn, ledger.village_id, normalize_name(sheet))
