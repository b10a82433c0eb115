"""The merge rules of a re-sent report with new content (console.domain.source_update, issue 13 item 4)."""

from __future__ import annotations

from datetime import UTC, datetime

from console.domain.decisions import apply_action, changes_event
from console.domain.event import Action, Attachment, Event, Level, Location, Source, State
from console.domain.source_update import SOURCE_UPDATE, source_changes

T0 = datetime(2026, 11, 22, 1, 0, tzinfo=UTC)


def _event(**over) -> Event:
    base = {"id": "E-1", "source": Source.GRID_APP, "category": "city.garbage", "title": "暴露垃圾",
            "reported_at": T0, "description": "垃圾桶满溢", "location": Location(30.5, 104.0, "文星街"),
            "grid_id": "g-1", "attachments": [Attachment("image", "a.jpg")], "extra": {"channel": "app"}}
    base.update(over)
    return Event(**base)


def test_identical_report_has_no_changes():
    kept = _event(state=State.DISPATCHED, assignees=["dept.a"], category="city.parking", level=Level.MAJOR,
                  extra={"channel": "app", "tier": "street"})
    assert source_changes(kept, _event()) == ({}, {}, {})  # the room's own fields are not differences


def test_changes_ignored_and_the_fold():
    kept = _event(level=Level.SIGNIFICANT, state=State.FILED, extra={"channel": "app", "tier": "street"})
    report = _event(title="暴露垃圾，已蔓延至路面", description=None, reporter_name="谢敏", level=Level.CRITICAL,
                    grid_id="g-2", grid_flag="unknown_grid", state=State.RESOLVED, onsite=True,
                    attachments=[Attachment("image", "a.jpg"), Attachment("image", "b.jpg"), Attachment("image", "b.jpg")],
                    extra={"channel": "app2", "tier": "district", "original_category": "x", "cap": {"cancelled": True}})
    changes, was, ignored = source_changes(kept, report)
    assert changes == {"title": "暴露垃圾，已蔓延至路面", "reporter_name": "谢敏", "grid_id": "g-2",
                       "grid_flag": "unknown_grid", "level": "critical",
                       "attachments_added": [{"kind": "image", "url": "b.jpg"}],
                       "extra": {"channel": "app2", "cap": {"cancelled": True}}}
    assert was["level"] == "significant"
    assert was["title"] == "暴露垃圾"
    assert was["extra"] == {"channel": "app", "cap": None}
    assert ignored == {}
    action = Action("E-1", T0, SOURCE_UPDATE, "feed", data={"changes": changes, "was": was, "ignored": ignored})
    assert changes_event(action)
    after = apply_action(kept, action)
    assert (after.title, after.description, after.reporter_name, after.level) == (
        "暴露垃圾，已蔓延至路面", "垃圾桶满溢", "谢敏", Level.CRITICAL)
    assert (after.grid_id, after.grid_flag, after.state, after.onsite) == ("g-2", "unknown_grid", State.FILED, False)
    assert [a.url for a in after.attachments] == ["a.jpg", "b.jpg"]
    assert after.extra == {"channel": "app2", "tier": "street", "cap": {"cancelled": True}}
    assert after.updated_at == T0
    assert source_changes(after, report) == ({}, {}, {})  # applied: the same report again is a duplicate


def test_level_is_raised_never_lowered():
    kept = _event(level=Level.MAJOR)
    assert source_changes(kept, _event(level=Level.SIGNIFICANT)) == ({}, {}, {"level": "significant"})
    assert source_changes(kept, _event(level=Level.GENERAL)) == ({}, {}, {})  # general = no level given
    assert source_changes(kept, _event(level=Level.CRITICAL))[0] == {"level": "critical"}


def test_location_moves_and_missing_values_clear_nothing():
    kept = _event()
    changes, was, _ = source_changes(kept, _event(location=Location(30.6, 104.1), description=None, grid_id=None,
                                                  attachments=[], extra={}))
    assert changes == {"location": {"lat": 30.6, "lon": 104.1, "address": None}}
    assert was == {"location": {"lat": 30.5, "lon": 104.0, "address": "文星街"}}
    after = apply_action(kept, Action("E-1", T0, SOURCE_UPDATE, "feed", data={"changes": changes}))
    assert after.location == Location(30.6, 104.1)
    assert after.description == "垃圾桶满溢"
    assert after.attachments == kept.attachments
    assert after.extra == kept.extra
