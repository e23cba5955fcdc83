"""The demo's questions: graduate1 sees one answered by their helper and one still waiting,
and helper1 sees the job graduate1 found themselves."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from server.demo_data import seed_demo
from server.extensions import db
from server.models import User
from server.models.questions import Question
from tests.conftest import AuthActions


def test_graduate1_has_an_answer_and_a_question_waiting(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        seed_demo(scale=0.15)
        helper1 = db.session.scalar(select(User.id).where(User.username == "helper1"))
        others = db.session.scalar(select(func.count()).select_from(Question))
    mine = client.get("/api/questions", headers=auth.headers("graduate1")).get_json()["items"]
    assert [q["answer"] is None for q in mine] == [True, False]  # waiting first
    assert mine[1]["answered_by"] == str(helper1)
    assert others > len(mine)
    waiting = client.get("/api/questions?waiting=true", headers=auth.headers("helper1")).get_json()
    assert mine[0]["id"] in {q["id"] for q in waiting["items"]}
    jobs = client.get("/api/me/jobs", headers=auth.headers("graduate1")).get_json()
    assert jobs["total"] > 0 and jobs["items"][0]["reasons"]
    recs = client.get("/api/recommendations?state=interested", headers=auth.headers("helper1"))
    found = [r for r in recs.get_json()["items"] if r["person_id"] == mine[0]["person_id"]
             and not r["reasons"]]
    assert len(found) == 1  # the job graduate1 found themselves, on helper1's Today
