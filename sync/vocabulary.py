"""The closed vocabularies and the rules made only of them, read from ``sync/vocabulary.json``.

The JSON file is the one source both sides read: the server through this module (and
``server/domain/vocabulary.py``, which keeps the names the rest of the server imports), the phone
through ``pwa/js/domain/vocabulary.js``. Two rules live here because both sides compute them:

* what a visit's ``outcome`` means: a contact (someone was reached) or an attempt (nobody was),
  and which outcomes a channel allows;
* what a status change proposes: the category and follow-up interval that follow from the new
  status (:func:`suggest_for_status`), pinned by ``sync/vectors/vocabulary/status_suggests.json``.

Pure: no Flask, no SQLAlchemy; a person or household is any mapping of its wire fields.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypedDict

#: Where the shared vocabulary lives.
VOCABULARY_PATH = Path(__file__).with_name("vocabulary.json")

#: The parsed file (read once at import: it ships with the code).
VOCABULARY: dict[str, Any] = json.loads(VOCABULARY_PATH.read_text(encoding="utf-8"))

CONTACT_OUTCOMES: tuple[str, ...] = tuple(VOCABULARY["outcomes"]["contact"])
ATTEMPT_OUTCOMES: tuple[str, ...] = tuple(VOCABULARY["outcomes"]["attempt"])
OUTCOMES: tuple[str, ...] = CONTACT_OUTCOMES + ATTEMPT_OUTCOMES
#: Channel → the outcomes a visit by that channel may record.
CHANNEL_OUTCOMES: dict[str, tuple[str, ...]] = {
    channel: tuple(allowed) for channel, allowed in VOCABULARY["channel_outcomes"].items()
}
#: What a visit that names persons and carries no outcome means (visits from before outcomes).
LEGACY_OUTCOME = "met"


class Suggestion(TypedDict):
    """The category and interval a status change proposes, and why (a code the phone labels)."""

    category: str
    interval_days: int
    #: ``status`` (the status's own category) or a condition's ``when``.
    reason: str


def is_contact(outcome: str | None, person_ids: list[str] | tuple[str, ...]) -> bool:
    """Whether a visit reached someone: an attempt, or a visit naming nobody, did not."""
    if not person_ids:
        return False
    return outcome is None or outcome in CONTACT_OUTCOMES


def outcome_allowed(channel: str, outcome: str | None) -> bool:
    """Whether ``outcome`` may be recorded for a visit by ``channel`` (no outcome always may)."""
    return outcome is None or outcome in CHANNEL_OUTCOMES.get(channel, ())


def default_outcome(channel: str, named: bool) -> str | None:
    """What a visit without an outcome means: the channel's first contact outcome when it names
    persons (met; answered for a call), its first attempt when it names nobody (nobody home; no
    answer). None: the channel has no such outcome (an accompanied interview always met someone)."""
    wanted = CONTACT_OUTCOMES if named else ATTEMPT_OUTCOMES
    return next((o for o in CHANNEL_OUTCOMES.get(channel, ()) if o in wanted), None)


def default_intervals() -> dict[str, int]:
    """Category → default interval in days (the "123" tracking rule)."""
    return dict(VOCABULARY["category_interval_days"])


def _holds(condition: str, person: Mapping[str, Any], household: Mapping[str, Any] | None,
           status: str) -> bool:
    if condition == "zero_employment_household":
        return bool(household and household.get("zero_employment"))
    if condition == "graduate_seeking":
        return status == "seeking" and bool(person.get("graduation_date"))
    if condition == "disadvantaged":
        return bool(person.get("disadvantaged"))
    raise ValueError(f"unknown status_suggests condition {condition!r}")


def suggest_for_status(person: Mapping[str, Any], household: Mapping[str, Any] | None,
                       status: str,
                       intervals: Mapping[str, int] | None = None) -> Suggestion | None:
    """The category and interval that follow from ``person`` moving to ``status``.

    None when the status proposes nothing (still studying, not eligible, an unknown code).
    ``intervals`` are the office's rules (an admin may change them); defaults fill the gaps.
    """
    rule = VOCABULARY["status_suggests"]
    table = {**default_intervals(), **(intervals or {})}
    base = rule["base"].get(status)
    if base is None:
        return None
    candidates: list[tuple[str, str]] = [(base, "status")]
    if status in rule["escalate"]:
        for condition in rule["conditions"]:
            if _holds(condition["when"], person, household, status):
                candidates.append((condition["category"], condition["when"]))
    # The shortest interval wins; on a tie the earlier candidate (base first, then listed order).
    best = min(enumerate(candidates), key=lambda item: (table[item[1][0]], item[0]))[1]
    return {"category": best[0], "interval_days": int(table[best[0]]), "reason": best[1]}


def label(kind: str, code: str | None, lang: str = "zh") -> str:
    """A code as people read it (``label("status", "seeking", "zh")``); the code itself if unknown."""
    if not code:
        return "—"
    table = VOCABULARY["labels"].get("zh" if lang.lower().startswith("zh") else "en", {})
    text = table.get(f"{kind}.{code}")
    return text if isinstance(text, str) else code
