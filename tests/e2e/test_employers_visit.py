"""A helper visits an enterprise with no signal and collects two vacancies; back online they are
that employer's jobs (issue 13's first proof). A new employer typed offline has its credit code
checked on the phone."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e import steps
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e


def _seed() -> dict[str, str]:
    from server.extensions import db
    from server.models.employers import Employer
    from tests.e2e.conftest import _seed as world

    ids = world()
    from server.models import User

    helper = db.session.get(User, uuid.UUID(ids["helper1"]))
    employer = Employer(id=uuid.uuid4(), name="凉城服饰有限公司", park="凉城乐业空间",
                        industry="制造业", area_id=helper.area_id, stamps={},
                        contacts=[{"name": "王经理", "role": "人事", "phone": "13800001111"}])
    db.session.add(employer)
    db.session.commit()
    return {**ids, "employer": str(employer.id)}


def jobs_of(server: LiveServer, employer_id: str) -> list[tuple[str, int, str, str]]:
    from sqlalchemy import select

    from server.extensions import db
    from server.models import Job

    return server.query(lambda: sorted(
        (j.title, j.headcount, j.source, j.employer) for j in db.session.scalars(
            select(Job).where(Job.employer_id == uuid.UUID(employer_id)))))


def visits_of(server: LiveServer, employer_id: str) -> list[Any]:
    from sqlalchemy import select

    from server.extensions import db
    from server.models.employers import EnterpriseVisit

    return server.query(lambda: [(v.met, len(v.vacancies), v.lat is not None) for v in db.session.scalars(
        select(EnterpriseVisit).where(EnterpriseVisit.employer_id == uuid.UUID(employer_id)))])


def test_an_enterprise_visit_offline_opens_two_vacancies(server_factory: Any, phone: Any) -> None:
    server = server_factory(_seed)
    employer = server.ids["employer"]
    context = phone()
    page = context.new_page()
    steps.signed_in(page, server, "helper1")
    steps.wait_controlled(page)

    context.set_offline(True)
    page.reload()
    steps.wait_ready(page)
    steps.go(page, "#/more")
    page.click("[data-test=more-em_title]")
    page.fill("[data-test=employer-search]", "乐业空间")
    page.click("[data-test=employer] >> text=凉城服饰有限公司")
    expect(page.locator("[data-test=contact]")).to_contain_text("王经理")
    page.click("[data-test=visit-employer]")
    page.wait_for_selector("form.enterprise-visit")
    context.grant_permissions(["geolocation"], origin=server.url)
    context.set_geolocation({"latitude": 31.29, "longitude": 121.50, "accuracy": 15})
    page.fill("[data-test=ev-met]", "王经理（人事）")
    page.fill("[data-test=ev-notes]", "旺季扩招")
    for title, headcount in (("缝纫工", "5"), ("服装设计助理", "2")):
        page.click("[data-test=vacancy-row-add]")
        row = page.locator("[data-test=vacancy-row]").last
        row.locator("[data-test=ev-title]").fill(title)
        row.locator("[data-test=ev-headcount]").fill(headcount)
    page.click("[data-test=ev-gps]")
    page.wait_for_function("() => document.querySelector('form.enterprise-visit')?.textContent.includes('15')")
    page.click("[data-test=save-enterprise-visit]")

    # At once, offline: the employer's page shows both, waiting to sync.
    page.wait_for_selector("[data-test=employer-page]")
    expect(page.locator('[data-test=vacancy][data-pending="true"]')).to_have_count(2)
    steps.expect_pending(page, 1)
    assert jobs_of(server, employer) == []

    context.set_offline(False)
    steps.wait_synced(page)
    assert jobs_of(server, employer) == [("服装设计助理", 2, "enterprise_visit", "凉城服饰有限公司"),
                                         ("缝纫工", 5, "enterprise_visit", "凉城服饰有限公司")]
    assert visits_of(server, employer) == [("王经理（人事）", 2, True)]
    # After the pull the phone holds them as real jobs, each linking to its best candidates.
    steps.go(page, "#/employers")
    steps.go(page, f"#/employers/{employer}")
    expect(page.locator('[data-test=vacancy][data-pending="false"]')).to_have_count(2)
    expect(page.locator("[data-test=vacancy] [data-test=candidates]").first).to_have_attribute(
        "href", f"#/jobs/{page.locator('[data-test=vacancy]').first.get_attribute('data-job')}/candidates")
    # Syncing again changes nothing.
    steps.sync_now(page)
    steps.wait_synced(page)
    assert len(jobs_of(server, employer)) == 2


def test_a_new_employer_typed_offline_has_its_credit_code_checked(server_factory: Any, phone: Any) -> None:
    server = server_factory(_seed)
    context = phone()
    page = context.new_page()
    steps.signed_in(page, server, "helper1")
    context.set_offline(True)
    steps.go(page, "#/employers/new")
    page.fill("[data-test=em-name]", "申通快递凉城站")
    page.fill("[data-test=em-credit-code]", "91310000717866186Q")
    expect(page.locator("#em-code-error")).to_contain_text("last character")
    page.fill("[data-test=em-credit-code]", "91310000 717866186p")
    expect(page.locator("#em-code-error")).to_have_text("")
    page.click("[data-test=contact-add]")
    page.locator("[data-test=contact] input").first.fill("李主管")
    page.click("[data-test=save-employer]")
    page.wait_for_selector("[data-test=employer-page]")
    steps.expect_pending(page, 1)
    context.set_offline(False)
    steps.wait_synced(page)

    def stored() -> Any:
        from sqlalchemy import select

        from server.extensions import db
        from server.models import User
        from server.models.employers import Employer

        row = db.session.scalar(select(Employer).where(Employer.name == "申通快递凉城站"))
        helper = db.session.get(User, uuid.UUID(server.ids["helper1"]))
        return row.credit_code, row.contacts, row.area_id == helper.area_id

    # Stored normalised, with the contact, filed under the helper's sub-district.
    assert server.query(stored) == ("91310000717866186P", [{"name": "李主管", "role": None, "phone": None}], True)


def test_a_supervisor_names_the_employer_of_a_new_job(server_factory: Any, phone: Any) -> None:
    server = server_factory(_seed)
    employer = server.ids["employer"]
    page = phone().new_page()
    steps.log_in(page, server, "supervisor1")
    page.wait_for_selector(".figures", timeout=30_000)
    steps.wait_synced(page)  # the district's employers are on the phone
    page.click("[data-test=board-em_title]")
    page.wait_for_selector("[data-test=employer-list]")
    steps.go(page, "#/jobs/new")
    page.wait_for_selector("form.job-form")
    page.select_option("[data-test=job-employer-id]", employer)
    expect(page.locator("#job-employer")).to_have_value("凉城服饰有限公司")
    page.fill("#job-title", "质检员")
    page.click("[data-test=save-job]")
    page.wait_for_selector("[data-test=add-job]")
    assert jobs_of(server, employer) == [("质检员", 1, "enterprise_visit", "凉城服饰有限公司")]


def test_vacancies_typed_at_the_door_survive_a_reload(server_factory: Any, phone: Any) -> None:
    server = server_factory(_seed)
    context = phone()
    page = context.new_page()
    steps.signed_in(page, server, "helper1")
    steps.wait_controlled(page)
    context.set_offline(True)
    steps.go(page, f"#/employers/{server.ids['employer']}/visit")
    page.wait_for_selector("form.enterprise-visit")
    page.click("[data-test=vacancy-row-add]")
    page.locator("[data-test=ev-title]").last.fill("仓库管理员")
    page.wait_for_timeout(800)  # the draft is saved as it is typed (debounced)
    page.reload()
    page.wait_for_selector("form.enterprise-visit")
    expect(page.locator("[data-test=ev-title]")).to_have_value("仓库管理员")


def test_a_helper_of_another_sub_district_reads_the_employer_but_records_nothing(
        server_factory: Any, phone: Any) -> None:
    server = server_factory(_seed)
    page = phone().new_page()
    steps.signed_in(page, server, "helper9")
    steps.go(page, "#/employers")
    page.click("[data-test=employer] >> text=凉城服饰有限公司")
    expect(page.locator("[data-test=kept-elsewhere]")).to_be_visible()
    expect(page.locator("[data-test=visit-employer]")).to_have_count(0)
