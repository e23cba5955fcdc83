"""The domain's closed vocabularies (codes), read from ``sync/vocabulary.json``.

That file is the one source the server and the phone share (``pwa/js/domain/vocabulary.js``
reads it too), so a code added there shows up on both sides at once instead of being typed
again. The names below are the ones the rest of the server has always imported; keep them.
Codes are stable English snake_case; people see labels (:func:`label`, or the PWA's i18n).
Legal recommendation moves are the registry's state machine (``sync/registry.json``).
"""

from __future__ import annotations

import json

from sync.registry import REGISTRY_PATH
from sync.vocabulary import (
    ATTEMPT_OUTCOMES,
    CHANNEL_OUTCOMES,
    CONTACT_OUTCOMES,
    LEGACY_OUTCOME,
    OUTCOMES,
    VOCABULARY,
    Suggestion,
    default_outcome,
    is_contact,
    label,
    outcome_allowed,
    suggest_for_status,
)

__all__ = [
    "AREA_KINDS", "AREA_PARENT_KIND", "ATTEMPT_OUTCOMES", "CATEGORIES", "CATEGORY_INTERVAL_DAYS",
    "CHANNELS", "CHANNEL_OUTCOMES", "CLOSED_STATUSES", "CONTACT_OUTCOMES", "EDUCATION_LEVELS",
    "GENDERS", "GUIDANCE_STEPS", "GUIDANCE_STEP_STATES", "JOB_SOURCES", "LEGACY_OUTCOME",
    "OUTCOMES", "RECOMMENDATION_MOVES", "RECOMMENDATION_STATES", "REVIEW_STATES", "ROLES",
    "SERVICES", "STAFF_ROLES", "STATUSES", "Suggestion", "default_outcome", "is_contact", "label",
    "outcome_allowed",
    "suggest_for_status",
]

ROLES: tuple[str, ...] = tuple(VOCABULARY["roles"])
STAFF_ROLES: tuple[str, ...] = tuple(VOCABULARY["staff_roles"])

AREA_KINDS: tuple[str, ...] = tuple(VOCABULARY["area_kinds"])
AREA_PARENT_KIND: dict[str, str] = dict(VOCABULARY["area_parent_kind"])

#: Employment situation of a person (the graduates' survey categories plus residents').
STATUSES: tuple[str, ...] = tuple(VOCABULARY["statuses"])
#: Statuses whose persons are not followed up.
CLOSED_STATUSES: tuple[str, ...] = tuple(VOCABULARY["closed_statuses"])

#: Follow-up category → default interval in days (the "123" tracking rule).
CATEGORY_INTERVAL_DAYS: dict[str, int] = dict(VOCABULARY["category_interval_days"])
CATEGORIES: tuple[str, ...] = tuple(CATEGORY_INTERVAL_DAYS)

CHANNELS: tuple[str, ...] = tuple(VOCABULARY["channels"])
SERVICES: tuple[str, ...] = tuple(VOCABULARY["services"])

RECOMMENDATION_STATES: tuple[str, ...] = tuple(VOCABULARY["recommendation_states"])
#: Legal recommendation moves: the registry's `recommendation_state` machine.
RECOMMENDATION_MOVES: dict[str, tuple[str, ...]] = {
    state: tuple(moves) for state, moves in json.loads(REGISTRY_PATH.read_text(encoding="utf-8"))
    ["machines"]["recommendation_state"]["transitions"].items()
}

REVIEW_STATES: tuple[str, ...] = tuple(VOCABULARY["review_states"])
JOB_SOURCES: tuple[str, ...] = tuple(VOCABULARY["job_sources"])
EDUCATION_LEVELS: tuple[str, ...] = tuple(VOCABULARY["education_levels"])
GUIDANCE_STEPS: tuple[str, ...] = tuple(VOCABULARY["guidance_steps"])
GUIDANCE_STEP_STATES: tuple[str, ...] = tuple(VOCABULARY["guidance_step_states"])
GENDERS: tuple[str, ...] = tuple(VOCABULARY["genders"])
