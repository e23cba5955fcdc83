"""`flask prune`: what goes is what no phone can still need; everything else stays."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from server.extensions import db
from server.models import AuditLog, utcnow
from server.models.sync import QuarantinedOp, SyncClient, SyncFieldWrite, SyncResult
from tests.factories import make_world

OLD = utcnow() - timedelta(days=120)
RECENT = utcnow() - timedelta(days=3)


def device(client_id: str, acked_seq: int) -> None:
    db.session.add(SyncClient(client_id=client_id, user_id=uuid.uuid4(), acked_seq=acked_seq))


def result(client_id: str, seq: int | None, at: datetime) -> str:
    op_id = str(uuid.uuid4())
    db.session.add(SyncResult(op_id=op_id, client_id=client_id, seq=seq, created_at=at,
                              result={"op_id": op_id, "status": "applied"}))
    return op_id


def quarantined(state: str, decided_at: datetime | None) -> uuid.UUID:
    row = QuarantinedOp(client_id="phone-a", raw={"op_id": "x"}, code="out_of_scope",
                        state=state, decided_at=decided_at, created_at=OLD)
    db.session.add(row)
    db.session.flush()
    return row.id


def prune(app, *args: str):
    outcome = app.test_cli_runner().invoke(args=["prune", *args])
    assert outcome.exit_code == 0, outcome.output
    return outcome.output


def stored_results() -> set[str]:
    return set(db.session.scalars(select(SyncResult.op_id)))


def test_an_old_result_its_device_has_had_acknowledged_goes(app):
    with app.app_context():
        device("phone-a", acked_seq=10)
        gone = result("phone-a", 7, OLD)
        recent = result("phone-a", 8, RECENT)  # the answer may be lost on the way: keep it
        above_acked = result("phone-a", 12, OLD)  # seq 11 never arrived: 12 can still be re-sent
        malformed = result("phone-a", None, OLD)
        db.session.commit()
    assert "sync_result: 2 deleted" in prune(app)
    with app.app_context():
        assert stored_results() == {recent, above_acked}
        assert gone not in stored_results() and malformed not in stored_results()


def test_a_result_of_a_device_the_server_does_not_know_stays(app):
    with app.app_context():
        orphan = result("phone-gone", 1, OLD)
        db.session.commit()
    prune(app)
    with app.app_context():
        assert stored_results() == {orphan}


def test_the_window_is_the_operators_choice(app):
    with app.app_context():
        device("phone-a", acked_seq=10)
        recent = result("phone-a", 1, RECENT)
        db.session.commit()
    prune(app, "--days", "30")
    with app.app_context():
        assert stored_results() == {recent}
    app.config["SYNC_RETENTION_DAYS"] = 2
    prune(app, "--days", "2")
    with app.app_context():
        assert stored_results() == set()


def test_the_window_is_never_shorter_than_phones_keep_their_answered_ops(app):
    app.config["SYNC_RETENTION_DAYS"] = 14
    with app.app_context():
        device("phone-a", acked_seq=10)
        kept = result("phone-a", 1, RECENT - timedelta(days=7))
        db.session.commit()
    outcome = app.test_cli_runner().invoke(args=["prune", "--days", "7"])
    assert outcome.exit_code == 2 and "SYNC_RETENTION_DAYS (14)" in outcome.output
    with app.app_context():
        assert stored_results() == {kept}


def test_only_decided_quarantine_entries_older_than_the_window_go(app):
    with app.app_context():
        still_open = quarantined("open", None)
        dismissed_long_ago = quarantined("dismissed", OLD)
        reapplied_long_ago = quarantined("reapplied", OLD)
        dismissed_lately = quarantined("dismissed", RECENT)
        db.session.commit()
    assert "sync_quarantine: 2 deleted" in prune(app)
    with app.app_context():
        kept = set(db.session.scalars(select(QuarantinedOp.id)))
    assert kept == {still_open, dismissed_lately}
    assert not kept & {dismissed_long_ago, reapplied_long_ago}


def test_the_audit_trail_is_kept_unless_a_retention_is_asked_for(app):
    with app.app_context():
        make_world()  # writes audit entries (today)
        db.session.add(AuditLog(at=OLD, entity="person", entity_id="1", action="update"))
        db.session.commit()
        before = db.session.scalar(select(func.count(AuditLog.id)))
    assert "audit_log" not in prune(app)
    with app.app_context():
        assert db.session.scalar(select(func.count(AuditLog.id))) == before
    assert "audit_log: 0 deleted" in prune(app, "--audit-days", "365")
    assert "audit_log: 1 deleted" in prune(app, "--audit-days", "60")
    with app.app_context():
        assert db.session.scalar(select(func.count(AuditLog.id))) == before - 1
        assert db.session.scalar(select(func.min(AuditLog.at))) > OLD


def test_field_histories_are_never_pruned(app):
    with app.app_context():
        db.session.add(SyncFieldWrite(entity="person", entity_id="p", field="phone", key="op-1",
                                      kind="set", client_id="phone-a", hlc="0:0:phone-a",
                                      value="021-5555", source=None, choice=None))
        db.session.commit()
    app.config["SYNC_RETENTION_DAYS"] = 1
    prune(app, "--days", "1", "--audit-days", "1")
    with app.app_context():
        assert db.session.scalar(select(func.count(SyncFieldWrite.id))) == 1


def test_a_dry_run_counts_and_deletes_nothing(app):
    with app.app_context():
        device("phone-a", acked_seq=10)
        kept = {result("phone-a", n, OLD) for n in (1, 2, 3)}
        db.session.commit()
    output = prune(app, "--dry-run")
    assert "sync_result: 3 would go" in output
    with app.app_context():
        assert stored_results() == kept


def test_small_batches_delete_everything_in_several_transactions(app):
    with app.app_context():
        device("phone-a", acked_seq=50)
        for n in range(1, 51):
            result("phone-a", n, OLD)
        db.session.commit()
    assert "sync_result: 50 deleted" in prune(app, "--batch", "7")
    with app.app_context():
        assert stored_results() == set()


@pytest.mark.parametrize("args", [["--days", "0"], ["--days", "-5"], ["--audit-days", "0"],
                                  ["--batch", "zero"]])
def test_a_bad_option_is_refused_before_anything_is_deleted(app, args):
    with app.app_context():
        device("phone-a", acked_seq=10)
        kept = result("phone-a", 1, OLD)
        db.session.commit()
    outcome = app.test_cli_runner().invoke(args=["prune", *args])
    assert outcome.exit_code == 2 and "Invalid value" in outcome.output
    with app.app_context():
        assert stored_results() == {kept}
