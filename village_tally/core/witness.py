"""The verification code on a closed month's paper: a short code derived from the audit chain
at the close, in a form people read aloud and type (Crockford base32 with a check character).

The code is eleven characters of a memory-hard hash (scrypt) of the close entry's chain hash,
and one check character (Luhn mod 32), grouped 4-4-4: `7KQ2-M9XD-4TRB`. Whoever holds the
paper can ask the ledger whether it still leads to that code; a rewrite of history, however
consistent, leads to another. The memory-hard step makes trying rewrites until one matches the
posted code cost about 4 MB and some milliseconds a try (2^55 tries on average).
"""

from __future__ import annotations

import hashlib

from village_tally.core.problem import ParseError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
# Read as people write them: O for 0, I and L for 1 (Crockford's decoding).
_ALIASES = {"O": "0", "I": "1", "L": "1"}
PAYLOAD = 11  # characters of hash (55 bits), then one check character
_SALT = b"village-tally verification code v1"


def code_for(chain_hash: str) -> str:
    """The verification code of a close whose audit entry has this chain hash (hex)."""
    key = hashlib.scrypt(bytes.fromhex(chain_hash), salt=_SALT, n=2**12, r=8, p=1, dklen=8)
    number = int.from_bytes(key, "big") >> (64 - 5 * PAYLOAD)
    payload = "".join(ALPHABET[(number >> (5 * (PAYLOAD - 1 - i))) & 31]
                      for i in range(PAYLOAD))
    return grouped(payload + _check(payload))


def _check(payload: str) -> str:
    """Luhn mod 32: catches every single mistyped character and most swapped neighbours."""
    factor, total = 2, 0
    for ch in reversed(payload):
        addend = factor * _VALUE[ch]
        total += addend // 32 + addend % 32
        factor = 3 - factor
    return ALPHABET[(32 - total % 32) % 32]


def grouped(code: str) -> str:
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def parse_code(text: str) -> str:
    """A code as typed (any case, hyphens or spaces anywhere, O for 0, I or L for 1) in its
    printed form; ParseError `code.invalid` if it is not one, `code.mistyped` if its check
    character does not agree."""
    plain = "".join(ch for ch in text.upper() if ch not in " -\t")
    plain = "".join(_ALIASES.get(ch, ch) for ch in plain)
    if len(plain) != PAYLOAD + 1 or any(ch not in _VALUE for ch in plain):
        raise ParseError("code.invalid", value=text)
    if _check(plain[:PAYLOAD]) != plain[PAYLOAD]:
        raise ParseError("code.mistyped", value=text)
    return grouped(plain)
