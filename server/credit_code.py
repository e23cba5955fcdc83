"""Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters, the last a check.

One employer per code is the duplicate rule of the employer records, so a mistyped code must be
refused at the door (the same reasoning as `server/id_number.py` for persons). The alphabet is
the digits and 21 capital letters (no I, O, Z, S, V); character 18 is the check character of
the first 17 under weights 3**i mod 31. Pure: no Flask, no database; the phone computes the same
check (`pwa/js/views/employers/credit-code.js`).
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
#: 3**i mod 31 for positions 1..17.
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def normalise(value: str) -> str:
    """As stored: no spaces, upper-case."""
    return "".join(value.split()).upper()


def check_character(first17: str) -> str:
    """The check character of the first 17 characters (all in `ALPHABET`)."""
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def problem(code: str) -> str | None:
    """Why `code` (normalised) is not a valid credit code, or None when it is."""
    if len(code) != 18:
        return "must be 18 characters"
    bad = sorted({c for c in code if c not in ALPHABET})
    if bad:
        return f"may not contain {''.join(bad)}"
    if not code[2:8].isdigit():
        return "characters 3-8 must be the six digits of an administrative division"
    if check_character(code[:17]) != code[17]:
        return "check character does not match"
    return None
