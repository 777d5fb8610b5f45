"""Child process for the crash test: enters deeds until killed, saying before each commit what
it is about to commit, and after it returns that it is committed."""

import datetime as dt
import sys

from village_tally.core.deed import Source
from village_tally.services import deeds, people
from village_tally.services.session import open_ledger


def main(db: str, run: str) -> None:
    ledger = people.sign_in(open_ledger(db), "马秀兰", "1234")
    print("ready", flush=True)
    today = dt.date.today()
    for n in range(1, 1_000_000):
        print(f"begin {n}", flush=True)
        deeds.enter_deed(ledger, deeds.DeedInput(
            resident="王芳", date=today, rule="L1",
            source=Source(sheet=f"crash-{run}", line=n)))
        print(f"done {n}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
