"""The desktop program's cycle-collector policy (services/collector.py): what outlives a full
collection is frozen, so the next one does not traverse it again; garbage made later is still
collected. Each case runs in a process of its own (the policy is the whole process's)."""

from __future__ import annotations

import subprocess
import sys

CASE = """
import contextlib, gc, sys
from village_tally.services import collector

class Node:
    pass

policy = collector.survivors_frozen() if sys.argv[1] == "policy" else contextlib.nullcontext()
kept = [[i] for i in range(50_000)]  # long-lived, tracked by the collector
with policy:
    gc.collect()
    print(gc.get_freeze_count())
    a, b = Node(), Node()
    a.other, b.other = b, a
    del a, b
    print(gc.collect())  # a cycle that died after the freeze: still collected
gc.unfreeze()
gc.collect()  # the block is over: nothing frozen any more
print(gc.get_freeze_count())
"""


def run(mode: str) -> tuple[int, int]:
    done = subprocess.run([sys.executable, "-c", CASE, mode], check=True, capture_output=True,
                          text=True, timeout=120)
    frozen, collected, after = (int(x) for x in done.stdout.split())
    assert after == 0  # the policy ends with its block
    return frozen, collected


def test_what_outlives_a_full_collection_is_frozen_and_later_garbage_still_collected() -> None:
    frozen, collected = run("policy")
    assert frozen >= 50_000
    assert collected >= 2


def test_without_the_policy_nothing_is_frozen() -> None:
    frozen, collected = run("plain")
    assert frozen == 0
    assert collected >= 2
