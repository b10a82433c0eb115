"""Learning from the room: a dispatch that disagrees with the suggestion is stored as a labelled
example, the model retrains off the GUI thread, each version is kept and checked on the held-out
split before it replaces the old one, and a supervisor can roll back (engine and CLI). The list
reloads from its file and a bad file keeps the last good list."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from console.cli import main as cli_main
from console.domain.district import load_district
from console.domain.event import UNCLASSIFIED, Event, Level, Source, State
from console.services.bus import Bus
from console.services.ingest import default_district_dir
from console.services.room import Room
from console.services.triage import TriageService
from console.store import open_store
from tests.triage_helpers import copy_list, engine_for

T0 = datetime(2026, 12, 6, 2, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path):
    s = open_store(f"sqlite:///{tmp_path / 'console.db'}")
    yield s
    s.close()


@pytest.fixture(scope="module")
def district():
    return load_district(default_district_dir())


def _event(text: str) -> Event:
    return Event(id="ev-1", source=Source.HOTLINE_12345, category=UNCLASSIFIED, title=text,
                 reported_at=T0, received_at=T0, level=Level.GENERAL, state=State.NEW)


def test_disagreeing_dispatch_is_stored_retrained_versioned_and_rolled_back(tmp_path, store, district):
    engine = engine_for(tmp_path, records=store.triage, departments=district.departments.keys(),
                        retrain_every=1000, tolerance=1.0)
    try:
        engine.start().result()
        assert engine.ready
        assert engine.version == 1
        room = Room(Bus(), clock=lambda: T0)
        room.load([_event("小区门口的垃圾桶满了好几天没人收")])
        triage = TriageService(room, district, engine)
        s = triage.suggest("ev-1")
        assert s.prediction is not None
        assert s.department_id == "dept.sanitation"
        # the officer agrees: nothing is learned
        assert triage.learn_from_dispatch("ev-1", ["dept.sanitation"], s.category) is None
        assert store.triage.count_examples() == 0
        # the officer sends it to the community office instead: one labelled example
        triage.suggest("ev-1")
        ex_id = triage.learn_from_dispatch("ev-1", ["dept.community"], "city.garbage", seat="seat-1")
        assert ex_id is not None
        rows = store.triage.examples()
        assert [(r.matter, r.department, r.suggested_department) for r in rows] == [
            ("community.garbage_sorting", "dept.community", "dept.sanitation")]
        # retrain in the background: version 2, active, trained with the example
        assert engine.retrain().result() == 2
        models = store.triage.models()
        assert [(m.version, m.status, m.n_examples) for m in models] == [(1, "retired", 0), (2, "active", 1)]
        assert engine.version == 2
        # a model worse on the held-out split than the active one is kept but not used
        engine.tolerance = -1.0
        assert engine.retrain().result() == 3
        assert store.triage.models()[-1].status == "rejected"
        assert engine.version == 2
        # the supervisor rolls back to version 1
        assert engine.rollback().result() == 1
        assert engine.version == 1
        assert store.triage.active().version == 1
    finally:
        engine.close()


def test_cli_lists_and_rolls_back_versions(tmp_path, store, capsys):
    for n in (0, 1):  # what the engine records after its first start and one retraining
        store.triage.add_model(fingerprint=f"fp{n}", n_examples=n, top1=0.86, top3=0.95, abstention=0.03,
                               threshold=0.17, activate=True)
    url = f"sqlite:///{tmp_path / 'console.db'}"
    assert cli_main(["triage-model", "list", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "v1" in out
    assert "v2" in out
    assert "active" in out
    assert "retired" in out
    assert cli_main(["triage-model", "rollback", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "version 1 is active again" in out
    assert store.triage.active().version == 1
    assert cli_main(["triage-model", "rollback", "--to", "99", "--db", url]) == 1
    assert "version 99 cannot be made active" in capsys.readouterr().err


def test_list_reload_keeps_the_last_good_list(tmp_path, district):
    path = copy_list(tmp_path)
    engine = engine_for(tmp_path, list_path=path, departments=district.departments.keys())
    try:
        good = engine.lst
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('department = "dept.lift"', 'department = "dept.elevator"', 1), encoding="utf-8")
        err = engine.reload_list()
        assert err is not None
        assert f"{path}:" in err
        assert "unknown department 'dept.elevator'" in err
        assert engine.lst is good
        assert engine.list_error == err
        # a fixed file is taken on the next change check
        path.write_text(text.replace("电梯困人", "电梯困人了", 1), encoding="utf-8")
        import os

        os.utime(path, (1, 1))
        assert engine.check_list() == ""
        assert engine.lst is not good
        assert engine.list_error is None
        assert any("电梯困人了" in m.synonyms or m.name == "电梯困人了" for m in engine.lst.matters.values())
    finally:
        engine.close()


def test_training_runs_in_a_separate_process_and_is_cached(tmp_path, store, district):
    engine = engine_for(tmp_path, records=store.triage, departments=district.departments.keys(),
                        train_in_process=True)
    try:
        engine.start().result()
        assert engine.ready
        assert engine.version == 1
        cached = list((tmp_path / "models").glob("triage-*.joblib"))
        assert len(cached) == 1
    finally:
        engine.close()
    # the next start loads the cached file instead of training
    again = engine_for(tmp_path, records=store.triage, departments=district.departments.keys())
    try:
        again._train = None  # type: ignore[assignment]  # would fail if called
        again.start().result()
        assert again.ready
        assert again.version == 1
    finally:
        again.close()


def test_duplicates_of_unclassified_reports_use_the_model(tmp_path, district):
    """hotline_duplicates: the same problem reported again nearby is a likely duplicate; another
    problem at the same place is not (both arrived unclassified)."""
    from console.domain.event import Location

    engine = engine_for(tmp_path, departments=district.departments.keys())
    try:
        engine.start().result()
        here = Location(30.55, 104.0, address="桂花路46号")

        def ev(i: int, title: str) -> Event:
            return Event(id=f"ev-{i}", source=Source.HOTLINE_12345, category=UNCLASSIFIED, title=title,
                         reported_at=T0, received_at=T0, level=Level.GENERAL, state=State.NEW, location=here)

        room = Room(Bus(), clock=lambda: T0)
        room.load([ev(1, "路口红绿灯全黑了，车子乱开"), ev(2, "红绿灯不亮了，路口很乱"), ev(3, "楼下垃圾好几天没人收")])
        s = TriageService(room, district, engine).suggest("ev-1")
        assert [d[0] for d in s.duplicates] == ["ev-2"]
        assert "未分类" not in s.duplicates[0][2]
    finally:
        engine.close()
