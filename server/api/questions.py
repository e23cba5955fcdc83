"""Questions to the helper: a graduate asks in the app, staff answer, the graduate reads it."""

from __future__ import annotations

import uuid
from typing import Any

from flask_smorest import Blueprint

from .. import scoping
from ..errors import Unprocessable
from ..extensions import db
from ..models.questions import Question
from ..records import questions, rest_actor
from ..schemas.questions import (
    QuestionAnswer,
    QuestionCreate,
    QuestionPage,
    QuestionQuery,
    QuestionSchema,
)
from ..security import login_required, me
from .paging import page

blp = Blueprint("questions", __name__, url_prefix="/api/questions",
                description="Questions a graduate asks their helper")


@blp.get("")
@login_required()
@blp.arguments(QuestionQuery, location="query")
@blp.response(200, QuestionPage)
def all_questions(args: dict[str, Any]) -> dict[str, Any]:
    """Questions in your scope (a graduate: their own), waiting ones first, oldest first"""
    query = questions.in_scope(me())
    if "person_id" in args:
        query = query.where(Question.person_id == args["person_id"])
    if "waiting" in args:
        query = query.where(Question.answered_at.is_(None) if args["waiting"]
                            else Question.answered_at.is_not(None))
    waiting_first = Question.answered_at.is_not(None)
    return page(query, args, waiting_first, Question.asked_at, Question.id)


@blp.post("")
@login_required("client")
@blp.arguments(QuestionCreate)
@blp.response(201, QuestionSchema)
def new(body: dict[str, Any]) -> Question:
    """Ask your helper a question"""
    user = me()
    if user.person_id is None:
        raise Unprocessable("Your account has no file to ask about.", code="no_file")
    question = questions.ask(rest_actor(), {"person_id": user.person_id, **body})
    db.session.commit()
    return question


@blp.get("/<uuid:question_id>")
@login_required()
@blp.response(200, QuestionSchema)
def get(question_id: uuid.UUID) -> Question:
    """One question and its answer"""
    question: Question = scoping.get_one(questions.in_scope(me()), Question, question_id)
    return question


@blp.patch("/<uuid:question_id>")
@login_required("admin", "supervisor", "helper")
@blp.arguments(QuestionAnswer)
@blp.response(200, QuestionSchema)
def answer(body: dict[str, Any], question_id: uuid.UUID) -> Question:
    """Answer a question (or correct your answer)"""
    question: Question = scoping.get_one(questions.in_scope(me()), Question, question_id)
    questions.answer(rest_actor(), question, body["answer"])
    db.session.commit()
    return question
