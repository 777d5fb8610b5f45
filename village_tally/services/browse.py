"""Reading the ledger page by page for the desktop program's lazy table (keyset paging)."""

from __future__ import annotations

from village_tally.core.deed import Deed
from village_tally.services.session import Ledger, read
from village_tally.store import browse
from village_tally.store.ledger import DeedFilter


def deed_page(ledger: Ledger, filters: DeedFilter, *, before: int | None = None,
              limit: int = 200) -> list[Deed]:
    """The next page of deeds, newest first, after the deed id `before` (None: from the top)."""
    with read(ledger) as conn:
        return browse.deed_page(conn, ledger.village_id, filters, before=before, limit=limit)
