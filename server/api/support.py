"""Policies, trainings and assistance periods on a person's file, and the board's support figures.

Every write goes through `server/records/support.py` (the sync map calls the same functions).
A graduate lists their own rows and asks to join a course (`POST /api/training-enrolments`
with their own `person_id`: the policy allows them `requested` only).
"""

from __future__ import annotations

import uuid
from typing import Any

from flask_smorest import Blueprint
from sqlalchemy import false, select

from ..extensions import db
from ..models import Household, Person
from ..models.support import AssistancePeriod, PolicyCase, TrainingEnrolment
from ..records import rest_actor
from ..records import support as records
from ..reports.filters import ReportScope
from ..reports.support import support_figures
from ..schemas.support import (
    AssistancePeriodCreate,
    AssistancePeriodPage,
    AssistancePeriodSchema,
    AssistancePeriodUpdate,
    PolicyCaseCreate,
    PolicyCasePage,
    PolicyCaseSchema,
    PolicyCaseUpdate,
    SupportFigures,
    SupportPersonQuery,
    SupportQuery,
    TrainingEnrolmentCreate,
    TrainingEnrolmentPage,
    TrainingEnrolmentSchema,
    TrainingEnrolmentUpdate,
)
from ..scoping import get_one, household_filter
from ..security import login_required, me
from .paging import page
from .period_reports import period_of

blp = Blueprint("support", __name__, url_prefix="/api",
                description="Policies, trainings and assistance periods")

STAFF = ("admin", "supervisor", "helper")


def scoped(model: Any) -> Any:
    """Rows of `model` whose person is in the caller's scope (a graduate: their own)."""
    user = me()
    query = select(model).join(Person, Person.id == model.person_id)
    if user.role == "client":
        return query.where(Person.id == user.person_id) if user.person_id else query.where(false())
    return query.join(Household, Household.id == Person.household_id).where(household_filter(user))


def _list(model: Any, args: dict[str, Any]) -> dict[str, Any]:
    query = scoped(model)
    if "person_id" in args:
        query = query.where(model.person_id == args["person_id"])
    return page(query, args, model.created_at.desc(), model.id)


def _change(track: records.Track, row: Any, body: dict[str, Any]) -> None:
    body = dict(body)
    to, expected = body.pop("state", None), body.pop("expected_from", None)
    if to is not None and to != row.state:
        records.move(rest_actor(), track, row, to, body, expected_from=expected)
    else:
        records.update(rest_actor(), track, row, body)


@blp.get("/policy-cases")
@login_required()
@blp.arguments(SupportPersonQuery, location="query")
@blp.response(200, PolicyCasePage)
def all_policy_cases(args: dict[str, Any]) -> dict[str, Any]:
    """Policy cases in your scope (a graduate: their own)"""
    return _list(PolicyCase, args)


@blp.post("/policy-cases")
@login_required(*STAFF)
@blp.arguments(PolicyCaseCreate)
@blp.response(201, PolicyCaseSchema)
def new_policy_case(body: dict[str, Any]) -> PolicyCase:
    """Inform a person of a policy, or record their application"""
    row: PolicyCase = records.open_track(rest_actor(), records.POLICY, body)
    db.session.commit()
    return row


@blp.patch("/policy-cases/<uuid:case_id>")
@login_required(*STAFF)
@blp.arguments(PolicyCaseUpdate)
@blp.response(200, PolicyCaseSchema)
def update_policy_case(body: dict[str, Any], case_id: uuid.UUID) -> PolicyCase:
    """Move a policy case on (applied, granted, refused) with its dates and amount"""
    row: PolicyCase = get_one(scoped(PolicyCase), PolicyCase, case_id)
    _change(records.POLICY, row, body)
    db.session.commit()
    return row


@blp.get("/training-enrolments")
@login_required()
@blp.arguments(SupportPersonQuery, location="query")
@blp.response(200, TrainingEnrolmentPage)
def all_training_enrolments(args: dict[str, Any]) -> dict[str, Any]:
    """Training enrolments in your scope (a graduate: their own)"""
    return _list(TrainingEnrolment, args)


@blp.post("/training-enrolments")
@login_required()
@blp.arguments(TrainingEnrolmentCreate)
@blp.response(201, TrainingEnrolmentSchema)
def new_training_enrolment(body: dict[str, Any]) -> TrainingEnrolment:
    """Refer a person to a course (staff), or ask to join one (a graduate, for themselves)"""
    row: TrainingEnrolment = records.open_track(rest_actor(), records.TRAINING, body)
    db.session.commit()
    return row


@blp.patch("/training-enrolments/<uuid:enrolment_id>")
@login_required(*STAFF)
@blp.arguments(TrainingEnrolmentUpdate)
@blp.response(200, TrainingEnrolmentSchema)
def update_training_enrolment(body: dict[str, Any], enrolment_id: uuid.UUID) -> TrainingEnrolment:
    """Move an enrolment on (referred, enrolled, completed, dropped)"""
    row: TrainingEnrolment = get_one(scoped(TrainingEnrolment), TrainingEnrolment, enrolment_id)
    _change(records.TRAINING, row, body)
    db.session.commit()
    return row


@blp.get("/assistance-periods")
@login_required(*STAFF)
@blp.arguments(SupportPersonQuery, location="query")
@blp.response(200, AssistancePeriodPage)
def all_assistance_periods(args: dict[str, Any]) -> dict[str, Any]:
    """Assistance periods in your scope"""
    return _list(AssistancePeriod, args)


@blp.post("/assistance-periods")
@login_required(*STAFF)
@blp.arguments(AssistancePeriodCreate)
@blp.response(201, AssistancePeriodSchema)
def new_assistance_period(body: dict[str, Any]) -> AssistancePeriod:
    """Open an assistance period for a person (the assigned helper: theirs unless named)"""
    row = records.open_period(rest_actor(), body)
    db.session.commit()
    return row


@blp.patch("/assistance-periods/<uuid:period_id>")
@login_required(*STAFF)
@blp.arguments(AssistancePeriodUpdate)
@blp.response(200, AssistancePeriodSchema)
def update_assistance_period(body: dict[str, Any], period_id: uuid.UUID) -> AssistancePeriod:
    """Change an assistance period's span, helper or notes"""
    row: AssistancePeriod = get_one(scoped(AssistancePeriod), AssistancePeriod, period_id)
    records.update_period(rest_actor(), row, body)
    db.session.commit()
    return row


@blp.get("/reports/support")
@login_required("admin", "supervisor")
@blp.arguments(SupportQuery, location="query")
@blp.response(200, SupportFigures)
def figures(args: dict[str, Any]) -> dict[str, Any]:
    """Subsidies applied and granted, trainings, 3-3-3-3 progress, for a period"""
    filters: dict[str, Any] = {k: args[k] for k in ("committee_id", "helper_id", "category")
                               if k in args}
    return support_figures(ReportScope(me(), filters), period_of(args))
