"""`seed_demo()`: build the whole demo world in one transaction, or leave existing data alone.

Rows are flushed stage by stage in foreign-key order (areas, accounts, households and persons,
catalogues, visits, recommendations) so PostgreSQL's immediate constraint checks pass, and the
whole run is attributed to the admin on device `demo-seed` in the audit log.
"""

from __future__ import annotations

import time
from typing import Any

from flask import current_app
from sqlalchemy import func, inspect, select, update

from ..audit import acting_as
from ..extensions import db
from ..models import User, utcnow
from ..security import hash_password
from .catalogue import build_catalogues, build_jobs
from .cohort import build_cohort, cohort_year
from .contacts import build_visits
from .context import DEVICE, Demo
from .features import build_features
from .recommendations import build_recommendations
from .residents import build_residents
from .summary import summarise
from .world import build_areas, build_staff


class DemoRefused(RuntimeError):
    """Demo data (with its shared, published password) must never reach a production database."""


def has_data() -> bool:
    return db.session.scalar(select(func.count()).select_from(User)) != 0


def wipe() -> None:
    """Delete every row of every table, sync bookkeeping included (a new life for the database:
    phones see a new sync epoch and start over). The schema stays as migrations left it.
    """
    existing = set(inspect(db.engine).get_table_names())
    db.session.execute(update(User).values(person_id=None))  # break the user ↔ person cycle
    for table in reversed(db.metadata.sorted_tables):
        if table.name in existing:
            db.session.execute(table.delete())
    db.session.commit()


def _flush(demo: Demo) -> None:
    db.session.flush()
    db.session.add_all(demo.dependants)
    demo.dependants.clear()
    db.session.flush()


def seed_demo(seed: int = 42, scale: float = 1.0, *, reset: bool = False) -> dict[str, Any]:
    """Fill an empty database with the demo world; returns the summary (see `summarise`).

    With data already present it changes nothing (`created` is False) unless `reset` is true.
    """
    if current_app.config.get("DOORSTEP_ENV") == "production":
        raise DemoRefused("refusing to load demo data: DOORSTEP_ENV is production")
    if not 0 < scale <= 10:
        raise ValueError("scale must be in (0, 10]")
    started = time.perf_counter()
    if has_data():
        if not reset:
            return summarise(created=False, seconds=time.perf_counter() - started)
        wipe()
    demo = Demo(seed=seed, scale=scale, now=utcnow().replace(microsecond=0))
    demo.cohort_year = cohort_year(demo.today)
    password_hash = hash_password(current_app.config["DEMO_PASSWORD"])  # once, for every login
    build_areas(demo)
    build_staff(demo, password_hash)
    with acting_as(demo.users["admin"].id, DEVICE):
        db.session.flush()
        build_cohort(demo)
        build_residents(demo)
        _flush(demo)
        build_jobs(demo)
        build_catalogues(demo)
        db.session.flush()
        build_visits(demo)
        _flush(demo)
        assert demo.graduate1 is not None
        graduate1 = User(id=demo.new_id(), username="graduate1", display_name=demo.graduate1.name,
                         role="client", person_id=demo.graduate1.id, password_hash=password_hash,
                         phone=demo.graduate1.phone)
        db.session.add(graduate1)
        build_recommendations(demo, graduate1.id)
        db.session.flush()
        build_features(demo)
        db.session.commit()
    return summarise(created=True, seconds=time.perf_counter() - started, seed=seed, scale=scale)
