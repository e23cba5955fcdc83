"""Server search at city scale: a sub-district of N persons (default 10,000), its supervisor's
`server.search.find` over the stored keys, p50/p95 per kind of query.

    .venv/bin/python bench/search_server_bench.py [DATABASE_URL] [persons] [runs]

The database is emptied and filled (use a throwaway one: by default a temp SQLite file). The
keys are written by the same flush hook a real write goes through, so the fill also times it.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


from sqlalchemy import text

from server import create_app
from server.extensions import db
from server.models import Household, Person, User

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解区查")
GIVEN = list("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红娥玲芬燕彬鹏辉健俊帆浩宇欣怡梓涵子轩雨萱一诺佳琪思远博文晨曦嘉乐长行重朝")
ENGLISH = ["Mary Chen", "John Smith", "Linda Wang", "David Lee", "Susan Brown", "James Li"]


def main() -> None:
    url = (sys.argv[1] if len(sys.argv) > 1 else "") or "sqlite:///" + tempfile.mkdtemp() + "/bench.sqlite"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    rng = random.Random(7)
    app = create_app({"DOORSTEP_ENV": "test", "TESTING": True, "SQLALCHEMY_DATABASE_URI": url,
                      "SECRET_KEY": "bench-secret-key-that-is-long-enough-0123456789",
                      "JWT_SECRET_KEY": "bench-jwt-secret-key-that-is-long-enough-0123456789"})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        else:
            db.drop_all()
        db.create_all()
        from tests.factories import make_area, make_user

        district = make_area("区", "district")
        sub = make_area("街道", "subdistrict", district)
        committee = make_area("居委", "committee", sub)
        supervisor = make_user("supervisor", "supervisor", sub)
        helper = make_user("helper", "helper", sub)
        started = time.perf_counter()
        names: list[str] = []
        for start in range(0, count, 1000):
            for i in range(start, min(count, start + 1000)):
                if i % 3 == 0:
                    home = Household(id=uuid.uuid4(), address=f"凉城路{i}号", committee_id=committee.id,
                                     subdistrict_id=sub.id, primary_helper_id=helper.id, stamps={})
                    db.session.add(home)
                name = (rng.choice(ENGLISH) if rng.random() < 0.12 else
                        rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN))
                names.append(name)
                db.session.add(Person(id=uuid.uuid4(), household_id=home.id, name=name,
                                      phone=f"13{rng.randrange(10**9):09d}",
                                      id_number=f"310110{rng.randrange(10**12):012d}",
                                      category="unemployed_seeking", stamps={}))
            db.session.commit()
        fill = time.perf_counter() - started
        if db.engine.dialect.name == "postgresql":  # fresh tables: give the planner statistics
            with db.engine.begin() as conn:
                conn.execute(text("ANALYZE"))
        from server import search

        boss = db.session.get(User, supervisor.id)
        queries = {
            "characters": lambda: rng.choice(names)[:2],
            "full pinyin": lambda: "lijie",
            "initials": lambda: rng.choice(["lj", "wf", "zw", "cm"]),
            "one letter": lambda: rng.choice("abcdefghjklmnopqrstwxyz"),
            "phone 4 digits": lambda: f"{rng.randrange(10**4):04d}",
            "ID last 6": lambda: f"{rng.randrange(10**6):06d}",
        }
        print(f"{db.engine.dialect.name}: {count} persons in one sub-district; fill with keys "
              f"{fill:.1f} s ({1000 * fill / count:.2f} ms/person)")
        for kind, make in queries.items():
            times = []
            for _ in range(runs):
                q = make()
                t = time.perf_counter()
                search.find(boss, q, limit=50)
                times.append(1000 * (time.perf_counter() - t))
                db.session.rollback()
            times.sort()
            print(f"  {kind:<16} p50 {statistics.median(times):6.1f} ms  "
                  f"p95 {times[int(0.95 * len(times))]:6.1f} ms")


if __name__ == "__main__":
    main()
