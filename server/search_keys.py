"""What a search key is and how a query is read: the server's side of one rule.

`pwa/js/domain/search.js` is the phone's side; `sync/vectors/search/search.json` pins both. A
helper types what she heard at the door (李杰, `lijie`, `li jie`, `lǐ jié`, `lj`, an English name
in any case, a few digits of a phone, the end of an identity number), so a person carries
normalised keys and a query is folded the same way before it is compared; how keys answer a
query is the SQL in `server/search.py`.

Pinyin comes from pypinyin. It has no surname mode (mozillazg/python-pinyin#297), so the first
character is read with every reading it has: 单 gives dan, chan and shan, which includes the
surname reading the phone's pinyin-pro picks. Pure: no Flask, no database.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

#: Shortest run of digits that searches phones (fewer would match half the caseload).
PHONE_MIN_DIGITS = 4
#: An identity number is found by all of it or by its last 4-6 characters.
ID_TAIL = (4, 6)
#: Ranks, best first.
RANKS = ("exact", "prefix", "substring")

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_MARKS = re.compile("[\u0300-\u036f]")
_SPACES = re.compile(r"\s+")
_DIGITS = frozenset("0123456789")

Kind = Literal["empty", "text", "digits", "id_tail"]


@dataclass(frozen=True)
class Query:
    kind: Kind
    text: str


@dataclass(frozen=True)
class Keys:
    #: The folded name without spaces, each word of it, its pinyin and initials.
    names: tuple[str, ...]
    #: The phone's digits ("" when there is none).
    phone: str
    #: The identity number, folded ("" when there is none).
    id: str

    @property
    def sort_key(self) -> str:
        """The first key in letters (a Chinese name's pinyin), so 李 sorts among the l's."""
        return next((k for k in self.names if "a" <= k[:1] <= "z"), self.names[0] if self.names else "")


def fold(value: object) -> str:
    """NFKC, lower case, tone marks off and ü as v, runs of spaces as one."""
    text = unicodedata.normalize("NFKC", "" if value is None else str(value)).lower()
    text = unicodedata.normalize("NFD", text).replace("u\u0308", "v")
    text = unicodedata.normalize("NFC", _MARKS.sub("", text))
    return _SPACES.sub(" ", text).strip()


def compact(value: object) -> str:
    """`fold`, then only letters and digits."""
    return "".join(ch for ch in fold(value) if ch.isalnum())


def han_of(text: str) -> str:
    return "".join(_HAN.findall(text))


def phone_digits(value: object) -> str:
    """A phone's digits, a +86 / 0086 country code in front of a mobile number dropped."""
    digits = "".join(ch for ch in fold(value) if ch in _DIGITS)
    if len(digits) == 13 and digits.startswith("86"):
        return digits[2:]
    if len(digits) == 15 and digits.startswith("0086"):
        return digits[4:]
    return digits


def read_query(raw: object) -> Query:
    text = compact(raw)
    if not text:
        return Query("empty", text)
    if _DIGITS.issuperset(text):
        return Query("digits", text)
    if text.endswith("x") and len(text) > 1 and _DIGITS.issuperset(text[:-1]):
        return Query("id_tail", text)
    return Query("text", text)


def readings(han: str) -> tuple[list[str], list[str]]:
    """Full pinyin and initials of Chinese characters, with every reading of the first one."""
    # Imported at first use: loading its dictionaries takes a quarter of a second.
    from pypinyin import Style, lazy_pinyin, pinyin

    as_text = lazy_pinyin(han, style=Style.NORMAL)
    heads = pinyin(han[0], style=Style.NORMAL, heteronym=True)[0]
    spellings = [as_text] + [[head, *as_text[1:]] for head in heads]
    full = dict.fromkeys("".join(s) for s in spellings)
    initials = dict.fromkeys("".join(syllable[:1] for syllable in s) for s in spellings)
    return list(full), list(initials)


def keys_of(name: object, phone: object = None, id_number: object = None) -> Keys:
    folded = fold(name)
    names: dict[str, None] = {}
    for key in (compact(folded), *(compact(word) for word in folded.split(" "))):
        if key:
            names[key] = None
    han = han_of(folded)
    if han:
        full, initials = readings(han)
        for key in full:
            names[key] = None
            if "v" in key:
                names[key.replace("v", "u")] = None
        names.update(dict.fromkeys(initials))
    return Keys(tuple(names), phone_digits(phone), compact(id_number))

