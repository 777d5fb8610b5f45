"""PINs and the recovery code, stored only as salted scrypt hashes (hashlib, memory-hard).

The parameters are stored with each hash, so they can grow: a PIN hashed with older ones is
hashed again with these at its next sign-in. Measured on the project's machines (2 cores
shared, bench/bench_signin.py): n=2**16, r=8, p=1 (64 MiB) takes 0.2-0.3 s a check on a
quiet machine (0.6 s with five builds running); n=2**15 took 0.09-0.15 s, at or under the
0.1-0.5 s that makes a copied file slow to guess yet feels instant at the keyboard.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass

SALT_BYTES = 16
KEY_BYTES = 32


@dataclass(frozen=True, slots=True)
class Cost:
    """scrypt's work factors: n (CPU and memory), r (block size), p (parallelism)."""

    n: int
    r: int
    p: int

    @property
    def memory(self) -> int:
        """The bytes scrypt needs (128 * r * n), and the limit hashlib is given."""
        return 128 * self.r * self.n * self.p


COST = Cost(n=2**16, r=8, p=1)
# At least the memory cost of n=2**14, r=8 (16 MiB): a hash with less is never accepted.
FLOOR = Cost(n=2**14, r=8, p=1)


def _key(secret: str, salt: bytes, cost: Cost) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=cost.n, r=cost.r, p=cost.p,
                          maxmem=2 * cost.memory, dklen=KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_secret(secret: str, cost: Cost = COST) -> str:
    """`scrypt$n$r$p$salt$key` for a PIN or a recovery code; a fresh salt each time."""
    salt = secrets.token_bytes(SALT_BYTES)
    key = _key(secret, salt, cost)
    return f"scrypt${cost.n}${cost.r}${cost.p}${_b64(salt)}${_b64(key)}"


def cost_of(hashed: str) -> Cost | None:
    parts = hashed.split("$")
    if len(parts) != 6 or parts[0] != "scrypt" or not all(p.isdigit() for p in parts[1:4]):
        return None
    return Cost(int(parts[1]), int(parts[2]), int(parts[3]))


def check_secret(secret: str, hashed: str) -> bool:
    """Does the secret match the stored hash? A malformed or too-cheap hash never matches."""
    cost = cost_of(hashed)
    if cost is None or cost.memory < FLOOR.memory or cost.memory > 64 * COST.memory:
        return False
    try:
        salt, key = base64.b64decode(hashed.split("$")[4]), base64.b64decode(hashed.split("$")[5])
    except ValueError:
        return False
    return hmac.compare_digest(_key(secret, salt, cost), key)


def outdated(hashed: str) -> bool:
    """Was this hash made with other parameters than today's (hash again at next sign-in)?"""
    return cost_of(hashed) != COST


# The recovery code: twelve digits in three groups (typed on a number pad, read aloud), about
# 40 bits: with scrypt, far beyond guessing from a copied file.
RECOVERY_GROUPS = 3


def new_recovery_code() -> str:
    return "-".join(f"{secrets.randbelow(10_000):04d}" for _ in range(RECOVERY_GROUPS))


def recovery_digits(text: str) -> str:
    """A recovery code as typed (spaces, dashes, full-width digits) reduced to its digits."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if c.isascii() and c.isdigit())
