"""Seed a city for `city_bench.py` in minutes: one caseload through the ORM, the rest in SQL.

The first helper's 500 households go through the ORM, so the change-log hooks write their log
rows; every other helper's caseload is a copy made by one `INSERT ... SELECT` per table, with
ids `md5(old id : k)`, their own helper, sub-district and committees, and the log rows copied
the same way with the keys the hooks would give them (positions interleaved, helper k's j-th
row at j*N + k, so no caseload sits in one corner of the log). `verify` proves the copy: the
keys `scope_keys.log_rows` computes for copied rows equal the stored ones, and the scope that
the domain tables give equals the number of changes a real pull returns (city_bench.py).
"""

from __future__ import annotations

import random
import sys
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

#: The city's shape, whatever N: jobs spread over districts, two helpers to a sub-district.
DISTRICTS = 20
JOBS = 30_000
HELPERS_PER_SUBDISTRICT = 2

_M = "md5(src.{col}::text || ':' || hk.k)::uuid"


def _ids(*cols: str) -> dict[str, str]:
    return {col: _M.format(col=col) for col in cols}


#: Per table: the columns a copy changes (the rest are copied as they are).
_COPIES: list[tuple[str, dict[str, str], str]] = [
    ("household", {**_ids("id"), "committee_id": "coms.id", "primary_helper_id": "hk.id",
                   "partner_helper_id": "NULL", "subdistrict_id": "hk.sub"},
     "JOIN coms ON coms.old_id = src.committee_id AND coms.s = hk.s"),
    ("person", {**_ids("id", "household_id"), "helper_id": "hk.id"}, ""),
    ("visit", {**_ids("id", "household_id", "amends_visit_id"), "author_id": "hk.id"}, ""),
    ("visit_person", _ids("visit_id", "person_id"), ""),
    ("note", {**_ids("id", "household_id", "person_id", "visit_id", "corrects_note_id"),
              "author_id": "hk.id"}, ""),
    ("status_event", {**_ids("id", "person_id", "visit_id"), "by_user_id": "hk.id"}, ""),
    ("recommendation", {**_ids("id", "person_id"), "by_user_id": "hk.id"}, ""),
]


def _copy_sql(table: Any, changes: dict[str, str], join: str) -> str:
    cols = [c.name for c in table.columns]
    exprs = [changes.get(c, f"src.{c}") for c in cols]
    return (f"INSERT INTO {table.name} ({', '.join(cols)}) SELECT {', '.join(exprs)}"
            f" FROM {table.name} AS src JOIN hk ON hk.k >= 1 {join}")


def seed_city(url: str, n: int) -> dict[str, Any]:
    from sqlalchemy import select, text
    from sync_bench import _caseload
    from werkzeug.security import generate_password_hash

    from server import create_app
    from server.extensions import db
    from server.models import Area, Job, User

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": False})
    rng = random.Random(7)
    password = generate_password_hash("bench-password", "pbkdf2:sha256:1000")
    with app.app_context():
        db.drop_all()
        db.create_all()
        district = Area(id=uuid.uuid4(), name="区0", kind="district")
        sub = Area(id=uuid.uuid4(), name="街道0", kind="subdistrict", parent_id=district.id)
        committees = [Area(id=uuid.uuid4(), name=f"居委{i}", kind="committee", parent_id=sub.id)
                      for i in range(10)]
        db.session.add_all([district, sub, *committees])
        template = User(id=uuid.uuid4(), username="helper-0", display_name="张燕", role="helper",
                        area_id=sub.id, password_hash=password)
        db.session.add(template)
        db.session.flush()
        jobs = [Job(id=uuid.uuid4(), employer=f"企业{i}", title=f"岗位{i}", industry="服装",
                    pay_min=4000, pay_max=6000, is_open=True, stamps={}) for i in range(50)]
        db.session.add_all(jobs)
        _caseload(db, template, sub, committees, jobs, rng)
        db.session.commit()  # the hooks write the template's log

        params = {"n": n, "d0": district.id, "s0": sub.id, "h0": template.id, "hash": password,
                  "districts": DISTRICTS, "per_sub": HELPERS_PER_SUBDISTRICT, "jobs": JOBS}
        # Our own cluster and rows consistent by construction: no per-row foreign-key checks.
        db.session.execute(text("SET LOCAL session_replication_role = replica"))
        for statement in _city_sql():
            db.session.execute(text(statement), params)
        for table_name, changes, join in _COPIES:
            db.session.execute(text(_copy_sql(db.metadata.tables[table_name], changes, join)))
        for statement in _log_sql():
            db.session.execute(text(statement), params)
        db.session.commit()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM (ANALYZE)"))  # the visibility map a live system has

        measured_k = n // 2 if n > 2 else 1
        measured = f"helper-{measured_k}"
        me = db.session.scalar(select(User).where(User.username == measured))
        assert me is not None
        others = [f"helper-{k}" for k in range(n) if k != measured_k][:100]
        wanted = [measured, *others]
        pair = [measured, others[0]]
        caseloads = {name: _caseload_of(db, name) for name in dict.fromkeys(wanted + pair)}
        log_rows = int(db.session.scalar(text("SELECT count(*) FROM sync_change")) or 0)
        scope = _scope_size(db, me)
        supervisor = db.session.scalar(select(User.username).where(
            User.role == "supervisor", User.area_id == me.area_id))
        db.session.add(User(id=uuid.uuid4(), username="staff-0", display_name="无个案",
                            role="helper", area_id=me.area_id, password_hash=password))
        db.session.commit()
        db.engine.dispose()
    return {"log_rows": log_rows, "measured": measured, "measured_scope": scope,
            "supervisor": supervisor, "staff": "staff-0", "caseloads": caseloads,
            "others": [(u, caseloads[u]) for u in others], "pair": pair}


def _city_sql() -> list[str]:
    """Districts, sub-districts, committees, helpers and supervisors of the copies."""
    return [
        "CREATE TEMP TABLE dist AS SELECT d, CASE WHEN d = 0 THEN CAST(:d0 AS uuid)"
        " ELSE md5('district:' || d)::uuid END AS id FROM generate_series(0, :districts - 1) d",
        "CREATE TEMP TABLE subs AS SELECT s, CASE WHEN s = 0 THEN CAST(:s0 AS uuid)"
        " ELSE md5('sub:' || s)::uuid END AS id,"
        " (SELECT id FROM dist WHERE dist.d = s % :districts) AS district"
        " FROM generate_series(0, (:n - 1) / :per_sub) s",
        "CREATE TEMP TABLE tc AS SELECT row_number() OVER (ORDER BY name) - 1 AS c, id"
        " FROM area WHERE parent_id = CAST(:s0 AS uuid)",
        "CREATE TEMP TABLE coms AS SELECT subs.s, tc.c, tc.id AS old_id, subs.id AS sub,"
        " CASE WHEN subs.s = 0 THEN tc.id ELSE md5('committee:' || subs.s || ':' || tc.c)::uuid"
        " END AS id FROM subs CROSS JOIN tc",
        "CREATE TEMP TABLE hk AS SELECT k, k / :per_sub AS s, CASE WHEN k = 0 THEN CAST(:h0 AS uuid)"
        " ELSE md5('helper:' || k)::uuid END AS id,"
        " (SELECT id FROM subs WHERE subs.s = k / :per_sub) AS sub FROM generate_series(0, :n - 1) k",
        "INSERT INTO area (id, name, kind, parent_id, created_at, updated_at)"
        " SELECT id, '区' || d, 'district', NULL, now(), now() FROM dist WHERE d > 0",
        "INSERT INTO area (id, name, kind, parent_id, created_at, updated_at)"
        " SELECT id, '街道' || s, 'subdistrict', district, now(), now() FROM subs WHERE s > 0",
        "INSERT INTO area (id, name, kind, parent_id, created_at, updated_at)"
        " SELECT id, '居委' || s || '-' || c, 'committee', sub, now(), now() FROM coms WHERE s > 0",
        "INSERT INTO user_account (id, username, display_name, role, locale, is_active, area_id,"
        " password_hash, created_at, updated_at) SELECT id, 'helper-' || k, '助理' || k, 'helper',"
        " 'zh', true, sub, :hash, now(), now() FROM hk WHERE k > 0",
        "INSERT INTO user_account (id, username, display_name, role, locale, is_active, area_id,"
        " password_hash, created_at, updated_at) SELECT md5('supervisor:' || s)::uuid,"
        " 'supervisor-' || s, '督导' || s, 'supervisor', 'zh', true, id, :hash, now(), now()"
        " FROM subs",
    ]


def _log_sql() -> list[str]:
    """The copies' log rows, keyed as the hooks key them, then the city's jobs and theirs."""
    follows_person = "src.entity IN ('person', 'status_event', 'recommendation')"
    return [
        "UPDATE sync_change SET position = position * :n",
        "INSERT INTO sync_change (entity, entity_id, position, household_id, subdistrict_id,"
        " helper_id, partner_id, person_id, catalogue, removed)"
        " SELECT src.entity, md5(src.entity_id || ':' || hk.k)::uuid::text, src.position + hk.k,"
        f" {_M.format(col='household_id')}, hk.sub, hk.id, NULL,"
        f" CASE WHEN {follows_person} THEN {_M.format(col='person_id')} END, NULL, src.removed"
        " FROM sync_change AS src JOIN hk ON hk.k >= 1 WHERE src.helper_id = CAST(:h0 AS uuid)",
        "INSERT INTO job (id, employer, title, industry, area_id, pay_min, pay_max, majors, skills,"
        " headcount, source, public_welfare, is_open, created_at, updated_at, stamps)"
        " SELECT md5('job:' || j)::uuid, '企业' || j, '岗位' || j, '服装', dist.id, 4000, 6000,"
        " '[]', '[]', 1, 'enterprise_visit', false, true, now(), now(), '{}'"
        " FROM generate_series(1, :jobs) j JOIN dist ON dist.d = j % :districts",
        "INSERT INTO sync_change (entity, entity_id, position, catalogue, removed)"
        " SELECT 'job', md5('job:' || j)::uuid::text, (SELECT max(position) FROM sync_change) + j,"
        " 'job:' || dist.id::text, false"
        " FROM generate_series(1, :jobs) j JOIN dist ON dist.d = j % :districts",
        "UPDATE sync_counter SET value = (SELECT max(position) FROM sync_change)",
    ]


def _caseload_of(db: Any, username: str) -> dict[str, Any]:
    from sqlalchemy import select

    from server.models import Household, Person, User

    rows = db.session.execute(
        select(Person.id, Person.status, Person.household_id).join(Household)
        .join(User, User.id == Household.primary_helper_id).where(User.username == username))
    persons = [{"id": str(p), "status": s, "household_id": str(h)} for p, s, h in rows]
    return {"households": sorted({p["household_id"] for p in persons}), "persons": persons}


def _scope_size(db: Any, user: Any) -> int:
    """The helper's scope counted from the domain tables (not the log): what a pull must send."""
    from sqlalchemy import text

    return int(db.session.execute(text(
        "WITH h AS (SELECT id FROM household WHERE primary_helper_id = :me OR partner_helper_id = :me),"
        " p AS (SELECT id FROM person WHERE household_id IN (SELECT id FROM h))"
        " SELECT (SELECT count(*) FROM h) + (SELECT count(*) FROM p)"
        " + (SELECT count(*) FROM visit WHERE household_id IN (SELECT id FROM h))"
        " + (SELECT count(*) FROM note WHERE household_id IN (SELECT id FROM h))"
        " + (SELECT count(*) FROM status_event WHERE person_id IN (SELECT id FROM p))"
        " + (SELECT count(*) FROM recommendation WHERE person_id IN (SELECT id FROM p))"
        " + (SELECT count(*) FROM job j WHERE j.area_id IS NULL OR j.area_id ="
        "    (SELECT parent_id FROM area WHERE id = :sub))"
        " + (SELECT count(*) FROM training) + (SELECT count(*) FROM policy)"
        " + (SELECT count(*) FROM follow_up_rule)"), {"me": user.id, "sub": user.area_id}).scalar())


def verify(url: str, city: dict[str, Any]) -> None:
    """The copied log rows are exactly what the hooks would write for those rows."""
    from sqlalchemy import select

    from server import create_app
    from server.extensions import db
    from server.models import Household, Job, Note, Recommendation, StatusEvent, User, Visit
    from server.models.sync import SyncChange
    from server.sync_store.scope_keys import KeyReader, log_rows

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": False})
    keys = ("household_id", "subdistrict_id", "helper_id", "partner_id", "person_id",
            "catalogue", "removed")
    with app.app_context():
        me = db.session.scalar(select(User).where(User.username == city["measured"]))
        households = list(db.session.scalars(
            select(Household).where(Household.primary_helper_id == me.id).limit(3)))
        persons = [p for h in households for p in h.members]
        objs: list[Any] = [*households, *persons]
        for model, col, ids in ((Visit, Visit.household_id, [h.id for h in households]),
                                (Note, Note.household_id, [h.id for h in households]),
                                (StatusEvent, StatusEvent.person_id, [p.id for p in persons]),
                                (Recommendation, Recommendation.person_id, [p.id for p in persons])):
            objs += list(db.session.scalars(select(model).where(col.in_(ids))))
        objs += list(db.session.scalars(select(Job).where(Job.area_id.is_not(None)).limit(5)))
        expected = {(r["entity"], r["entity_id"]): tuple(r[k] for k in keys)
                    for r in log_rows(KeyReader(db.session), objs, False)}
        stored = {(c.entity, c.entity_id): tuple(getattr(c, k) for k in keys)
                  for c in db.session.scalars(select(SyncChange).where(
                      SyncChange.entity_id.in_([e for _, e in expected])))}
        assert stored == expected, "the copied log differs from what the hooks write"
        db.engine.dispose()
    print(f"   verified: {len(expected)} copied log rows are the hooks' rows", flush=True)
