"""How fast is "Match"? Rank 10,000 open jobs for one person (target: under 50 ms).

    .venv/bin/python bench/matching_bench.py            # in-memory index: build once, rank 200
    .venv/bin/python bench/matching_bench.py --http     # also GET /api/persons/<id>/matches
                                                          # on SQLite with 10,000 jobs stored
    .venv/bin/python bench/matching_bench.py --distinct # worst case: no two jobs alike

Jobs and persons are synthetic but shaped like the demo's (a district of 3 sub-districts and 12
committees, ~120 titles, 20 industries, 60 majors, 80 skills, pay in steps of 500). The first
part times `JobIndex.rank` (totals for every job, top 10, each of them explained), checks it
against scoring every pair one by one, and prints median, p95 and max. `--http` times the whole
request through Flask (auth, scope, index freshness check, person features, JSON), warm cache.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from types import SimpleNamespace
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from server.matching import PersonFeatures, job_features, person_features, score
from server.matching_index import JobIndex

INDUSTRIES = ["服装", "互联网", "金融", "教育", "医疗", "物流", "制造", "餐饮", "酒店", "零售",
              "建筑", "房地产", "广告", "电商", "社区服务", "物业", "汽车", "能源", "法律", "政府"]
TITLES = ["设计助理", "服装设计师", "软件工程师", "测试工程师", "前端开发", "数据分析师", "会计",
          "出纳", "财务助理", "销售代表", "客服专员", "行政助理", "人事专员", "教师", "幼儿教师",
          "护士", "仓库管理员", "快递员", "配送员", "厨师", "服务员", "前台", "店长", "收银员",
          "电工", "焊工", "数控操作工", "质检员", "施工员", "造价员", "平面设计", "新媒体运营",
          "主播", "保洁员", "绿化养护员", "治安巡逻员", "社区网格员", "保安", "司机", "采购员"]
TITLES += [f"{prefix}{t}" for t in list(TITLES) for prefix in ("高级", "实习", "储备")]
MAJORS = ["服装设计", "服装与服饰设计", "纺织工程", "计算机科学与技术", "软件工程", "网络工程",
          "数据科学与大数据技术", "会计学", "财务管理", "金融学", "市场营销", "电子商务",
          "工商管理", "国际经济与贸易", "机械工程", "自动化", "数控技术", "护理学", "临床医学",
          "学前教育", "小学教育", "汉语言文学", "英语", "物流管理", "供应链管理", "土木工程",
          "工程造价", "建筑学", "酒店管理", "旅游管理", "烹饪工艺与营养", "视觉传达设计",
          "数字媒体艺术", "广告学", "法学", "社会工作", "人力资源管理", "行政管理", "心理学",
          "新闻学"] + [f"专业{i}" for i in range(20)]
SKILLS = ["Excel", "Word", "PPT", "Photoshop", "CAD", "Python", "Java", "SQL", "驾驶证", "英语四级",
          "普通话二甲", "教师资格证", "护士资格证", "电工证", "焊工证", "叉车证", "会计证", "沟通",
          "直播", "剪辑", "缝纫", "打版", "营销", "客服", "收银", "烹饪", "急救", "档案管理",
          "数据分析", "新媒体"] + [f"skill{i}" for i in range(50)]
LEVELS = [None, None, "secondary", "vocational", "associate", "bachelor", "master"]


def make_areas() -> dict[Any, tuple[str, Any, str]]:
    district = uuid.uuid4()
    areas: dict[Any, tuple[str, Any, str]] = {district: ("district", None, "梁溪区")}
    for s in range(3):
        sub = uuid.uuid4()
        areas[sub] = ("subdistrict", district, f"街道{s}")
        for c in range(4):
            areas[uuid.uuid4()] = ("committee", sub, f"居委{s}-{c}")
    return areas


def make_job(rng: random.Random, area_ids: list[Any], distinct: bool = False) -> SimpleNamespace:
    """A job; with `distinct`, titles, places and pay ranges are all different (the worst case
    for the index, which then has nearly one group per job)."""
    if distinct:
        job = make_job(rng, area_ids)
        job.title += f"（{rng.randrange(10**6)}）"
        job.place = f"{job.place or ''}{rng.randrange(10**6)}号"
        job.pay_min = rng.randrange(2500, 12000)
        job.pay_max = job.pay_min + rng.randrange(0, 4000)
        return job
    low = rng.randrange(2500, 12000, 500) if rng.random() < 0.9 else None
    return SimpleNamespace(
        id=uuid.uuid4(), title=rng.choice(TITLES), industry=rng.choice(INDUSTRIES),
        majors=rng.sample(MAJORS, rng.randint(0, 3)), skills=rng.sample(SKILLS, rng.randint(0, 5)),
        area_id=rng.choice(area_ids) if rng.random() < 0.8 else None,
        place=rng.choice(["梁溪区", "新吴区", "滨湖区", "市区", None]),
        pay_min=low, pay_max=(low + rng.randrange(0, 4000, 500)) if low else None,
        education_level=rng.choice(LEVELS), public_welfare=rng.random() < 0.1,
    )


def make_person(rng: random.Random, committees: list[Any]) -> tuple[Any, Any]:
    person = SimpleNamespace(
        major=rng.choice(MAJORS), intention_industry=rng.choice(INDUSTRIES),
        intention_role=rng.choice(TITLES[:40]), intention_place=rng.choice(["梁溪区", "不限", None]),
        intention_pay_min=rng.randrange(3000, 9000, 500), skills=rng.sample(SKILLS, 4),
        education_level=rng.choice(LEVELS[2:]),
        category=rng.choice(["graduate_active_search", "employment_difficulty", "unemployed_seeking"]),
        disadvantaged=rng.random() < 0.2,
    )
    household = SimpleNamespace(committee_id=rng.choice(committees), zero_employment=rng.random() < 0.1)
    return person, household


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench_index(n_jobs: int, n_persons: int, seed: int, distinct: bool = False) -> None:
    rng = random.Random(seed)
    areas = make_areas()
    area_ids = list(areas)
    committees = [i for i, (kind, _, _) in areas.items() if kind == "committee"]
    rows = [make_job(rng, area_ids, distinct) for _ in range(n_jobs)]
    t0 = time.perf_counter()
    index = JobIndex([job_features(r, areas) for r in rows], areas)  # type: ignore[arg-type]
    build_ms = (time.perf_counter() - t0) * 1000
    persons: list[PersonFeatures] = [
        person_features(*make_person(rng, committees), areas)  # type: ignore[arg-type]
        for _ in range(n_persons)
    ]
    index.rank(persons[0])  # warm up
    times = []
    for p in persons:
        t0 = time.perf_counter()
        index.rank(p, limit=10)
        times.append((time.perf_counter() - t0) * 1000)
    # The fast path must agree with scoring every pair one by one.
    for p in persons[:5]:
        t0 = time.perf_counter()
        brute = sorted(range(n_jobs), key=lambda i: -score(p, index.jobs[i])["score"])[:10]
        brute_ms = (time.perf_counter() - t0) * 1000
        fast = [score(p, index.jobs[i])["score"] for i in index.top(p, 10)]
        assert fast == [score(p, index.jobs[i])["score"] for i in brute], "fast ≠ brute force"
    print(f"jobs: {n_jobs}, persons: {n_persons}, distinct titles: {len(index.by_title)}, "
          f"place keys: {len(index.by_place)}, pay keys: {len(index.by_pay)}")
    print(f"index build (normalise + group): {build_ms:.0f} ms, once per change of jobs")
    print(f"rank top 10 with explanations: median {statistics.median(times):.1f} ms, "
          f"p95 {percentile(times, 0.95):.1f} ms, max {max(times):.1f} ms")
    print(f"(scoring every pair one by one instead: {brute_ms:.0f} ms)")


def bench_http(n_jobs: int, requests: int, seed: int) -> None:
    from server import create_app
    from server.extensions import db
    from server.models import Job
    from tests.factories import make_world

    rng = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix="doorstep-bench-")
    app = create_app({
        "DOORSTEP_ENV": "test", "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite",
        "SECRET_KEY": "bench-secret-key-that-is-long-enough-0123456789",
        "JWT_SECRET_KEY": "bench-jwt-secret-key-that-is-long-enough-0123456789",
    })
    with app.app_context():
        db.create_all()
        world = make_world()
        area_ids = [c.id for c in world.committees] + [world.subdistrict.id, world.district.id]
        for _ in range(n_jobs):
            row = make_job(rng, area_ids)
            db.session.add(Job(**{k: v for k, v in vars(row).items()}, employer="企业", stamps={}))
        db.session.commit()
        person_id = world.graduate.id
    client = app.test_client()
    token = client.post("/api/auth/login", json={"username": "helper1", "password": "doorstep-demo"})
    headers = {"Authorization": f"Bearer {token.get_json()['access_token']}"}
    url = f"/api/persons/{person_id}/matches?limit=10"
    t0 = time.perf_counter()
    first = client.get(url, headers=headers)
    cold_ms = (time.perf_counter() - t0) * 1000
    assert first.status_code == 200, first.get_json()
    times = []
    for _ in range(requests):
        t0 = time.perf_counter()
        client.get(url, headers=headers)
        times.append((time.perf_counter() - t0) * 1000)
    print(f"HTTP GET matches, SQLite, {n_jobs} jobs: first (builds index) {cold_ms:.0f} ms; "
          f"warm median {statistics.median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--persons", type=int, default=200)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--http", action="store_true", help="also time the HTTP endpoint")
    parser.add_argument("--distinct", action="store_true",
                        help="worst case: every job has its own title, place and pay range")
    args = parser.parse_args()
    bench_index(args.jobs, args.persons, args.seed, args.distinct)
    if args.http:
        bench_http(args.jobs, 50, args.seed)


if __name__ == "__main__":
    main()
