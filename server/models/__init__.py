"""The data model of "one person, one file". Importing this package registers every table."""

from __future__ import annotations

# Each feature's tables (their modules import what they need from the ones above).
from . import (  # noqa: F401
    attachments,
    background,
    employers,
    groups,
    outcomes,
    questions,
    recruitment_events,
    support,
)
from .area import Area
from .auth import AuthSession, ThrottleRecord
from .base import utcnow
from .events import Note, StatusEvent, Visit, visit_person
from .household import Assignment, Household, Person
from .jobs import Job, Policy, Recommendation, TrainingCourse
from .rules import AuditLog, FollowUpRule
from .sync import ConflictRecord, QuarantinedOp  # noqa: F401  (the sync server's tables)
from .user import User

__all__ = [
    "Area",
    "Assignment",
    "AuditLog",
    "AuthSession",
    "FollowUpRule",
    "Household",
    "Job",
    "Note",
    "Person",
    "Policy",
    "Recommendation",
    "StatusEvent",
    "ThrottleRecord",
    "TrainingCourse",
    "User",
    "Visit",
    "utcnow",
    "visit_person",
]
