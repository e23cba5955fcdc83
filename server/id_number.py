"""Resident identity numbers (GB 11643-1999): 18 characters, the last one a check character.

The number is the first key of the duplicate check, so a mistyped one must be refused at the
door rather than open a second file that no later check can match. Pure: no Flask, no
database; `pwa/js/domain/file-fields.js` computes the same check on the phone.
"""

from __future__ import annotations

from datetime import date

#: Weights of the first 17 digits (2**(17 - i) mod 11) and the check character per remainder.
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"


def normalise(value: str) -> str:
    """As stored: no spaces, a lower-case x made upper-case."""
    return "".join(value.split()).upper()


def check_character(first17: str) -> str:
    """The check character of 17 digits."""
    return CHECK[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def birth_date_of(number: str) -> date | None:
    """The birth date the number carries (characters 7-14), or None if it is not a date."""
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def problem(number: str) -> str | None:
    """Why `number` (normalised) is not a valid identity number, or None when it is."""
    if len(number) != 18:
        return "must be 18 characters"
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return "must be 17 digits and a digit or X"
    if birth_date_of(number) is None:
        return "holds no valid birth date"
    if check_character(number[:17]) != number[17]:
        return "check character does not match"
    return None


def gender_of(number: str) -> str:
    """The gender the number carries (character 17: odd for male, even for female)."""
    return "male" if int(number[16]) % 2 else "female"
