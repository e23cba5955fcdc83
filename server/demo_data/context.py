"""The state a demo run threads through its steps: one seeded random source, names, the clock.

Everything random comes from `rng` and the two seeded Faker instances, and every id from
`new_id()`, so a seed always gives the same data (dates are relative to the day of the run).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from faker import Faker

from ..business_time import local_day
from ..models import Area, Household, Job, Person, User

#: The device every demo row is attributed to in the audit log.
DEVICE = "demo-seed"
#: Share of people named in English (most are Chinese).
ENGLISH_SHARE = 0.12


@dataclass
class Demo:
    seed: int
    scale: float
    now: datetime
    rng: random.Random = field(init=False)
    zh: Faker = field(init=False)
    en: Faker = field(init=False)
    district: Area | None = None
    subdistricts: list[Area] = field(default_factory=list)
    committees: dict[str, list[Area]] = field(default_factory=dict)  # sub-district name → its
    users: dict[str, User] = field(default_factory=dict)
    helpers_of: dict[str, list[User]] = field(default_factory=dict)  # sub-district name → pair
    supervisor_of: dict[str, User] = field(default_factory=dict)
    households: list[Household] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    members_of: dict[uuid.UUID, list[Person]] = field(default_factory=dict)
    jobs: list[Job] = field(default_factory=list)
    #: A person's last status change, to be recorded on a visit: id → (from, to, earliest day).
    pending_changes: dict[uuid.UUID, tuple[str, str, date]] = field(default_factory=dict)
    #: When each pending change was finally recorded (recommendations end there).
    changed_at: dict[uuid.UUID, datetime] = field(default_factory=dict)
    #: Households registered in the last weeks and not visited yet.
    fresh_households: set[uuid.UUID] = field(default_factory=set)
    #: The graduation year of the surveyed cohort (DOMAIN.md's 288 new graduates).
    cohort_year: int = 0
    graduate1: Person | None = None
    #: Rows whose parents have no ORM relationship to order the INSERTs by (status events,
    #: assignments, notes): added after their parents are flushed (PostgreSQL checks at once).
    dependants: list[Any] = field(default_factory=list)
    #: `matching.load_areas()`, read once when recommendations are scored.
    areas: dict[Any, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.zh = Faker("zh_CN")
        self.zh.seed_instance(self.seed)
        self.en = Faker("en_US")
        self.en.seed_instance(self.seed + 1)

    @property
    def today(self) -> date:
        return local_day(self.now)  # the office's calendar day, as the lists compute it

    def new_id(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def scaled(self, n: int, minimum: int = 1) -> int:
        return max(minimum, round(n * self.scale))

    def name(self, gender: str) -> str:
        faker = self.en if self.rng.random() < ENGLISH_SHARE else self.zh
        return faker.name_female() if gender == "female" else faker.name_male()

    def days_ago(self, days: int, *, working_hours: bool = True) -> datetime:
        """A moment `days` before now, in working hours (UTC+8 office hours, stored as UTC)."""
        day = self.today - timedelta(days=days)
        hour = self.rng.randint(1, 9) if working_hours else self.rng.randint(0, 23)
        moment = datetime.combine(day, time(hour, self.rng.randint(0, 59)))
        return min(moment, self.now - timedelta(minutes=5))

    def at(self, day: date) -> datetime:
        return min(datetime.combine(day, time(self.rng.randint(1, 9), self.rng.randint(0, 59))),
                   self.now - timedelta(minutes=5))
