"""Fuzz bar of issue 13: 10,000 generated frames through a real hub to the headless recorder.

A real hub on 127.0.0.1 (its SQLite log) serves what the test publishes; the recorder
(``console.services.recorder.record``: the feed client and ``Store.commit_ingest``) writes into a real
SQLite store. Hypothesis draws the frames (``tests/net/fuzz_frames.py``: valid events and statuses,
malformed JSON, wrong types, oversized fields and frames, NUL characters, lone surrogates, missing
fields, huge numbers, deep nesting), 50 an example plus a valid sentinel event, published in one go.
After each example the test waits — bounded — for the recorder's ack of the sentinel, then checks:

- no crash: the recorder still runs, never reconnected, logged no error;
- no stall: the sentinel is acked within the deadline (so everything before it is committed);
- every invalid frame is in the quarantine exactly once (matched by seq, or by its text when it has
  no readable seq), with a reason, and not stored; every valid event is stored exactly once and as
  sent; every valid status is recorded exactly once;
- the ack is never ahead of the store: as each ack reaches the hub, the store's committed feed
  position is read at that moment and must be at least the ack.

Problems are collected per frame class and reported together at the end (a stall or a crash stops
the run at once: nothing after it could be checked).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections import Counter
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from console.domain.categories import CATEGORIES
from console.domain.event import Event
from console.net.hub import Hub, _frame
from console.net.hublog import HubLog
from console.services.recorder import record
from console.store import open_store, schema
from tests.net.fuzz_frames import KNOWN_FIELDS, Gen, Rendered, frames, oversized_frame
from tests.net.helpers import TOKEN, dumps, event_obj

FRAMES = 10_000
CHECK_EVERY = 500  # frames published between two checks
BIG_EVERY = 1000  # one record of ~1–2 MiB every this many frames
STEP = 120.0  # bound on one wait: the recorder catching up with 500 frames (normally < 0.5 s)
CONSOLE = "fuzz"
FRAME = frames()


class CheckedAcks(dict[str, int]):
    """The hub's acks (``Hub.acks``): as an ack reaches the hub, the recorder's committed position is
    read at that moment — it must not be behind the ack."""

    def __init__(self, acks: dict[str, int], position: Any) -> None:
        super().__init__(acks)
        self.position = position
        self.observed: list[tuple[int, int]] = []  # (ack, store position at that moment)

    def __setitem__(self, console_id: str, seq: int) -> None:
        if console_id == CONSOLE:
            self.observed.append((seq, self.position(console_id)))
        super().__setitem__(console_id, seq)


class Rig:
    def __init__(self, tmp_path: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self.db_url = f"sqlite:///{tmp_path}/fuzz.db"
        self.store = open_store(self.db_url)  # the test's own connection: reads only
        self.log = HubLog(tmp_path / "hub.sqlite3")
        self.hub = Hub(self.log, TOKEN)
        self.acks = self.hub.acks = CheckedAcks(self.hub.acks, self.store.feed_position)
        self.recorder: asyncio.Task[int] | None = None
        self.n = 0
        self.sent = 0  # generated frames published (sentinels not counted)
        self.by_class: Counter[str] = Counter()
        self.valid = 0  # events expected in the store (sentinels included)
        self.invalid = 0
        self.statuses = 0
        self.known: list[str] = []  # stored event ids, targets of valid statuses
        self.q_after = 0  # quarantine rows checked so far (by id)
        self.problems: Counter[tuple[str, str]] = Counter()
        self.samples: dict[tuple[str, str], str] = {}
        self.unpublished: list[tuple[str, str, Rendered]] = []  # (class, event id, record)
        self.pending: list[tuple[int, tuple[str, str, Rendered]]] = []  # published, being checked

    # ---- running ---------------------------------------------------------------------------------
    def start(self) -> None:
        async def go() -> None:
            await self.hub.start()
            self.recorder = asyncio.create_task(record(self.hub.url, TOKEN, self.db_url, math.inf,
                                                       console_id=CONSOLE))

        self.loop.run_until_complete(go())

    def close(self) -> None:
        async def stop() -> None:
            if self.recorder is not None:
                self.recorder.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self.recorder
            await self.hub.stop()

        with contextlib.suppress(Exception):
            self.loop.run_until_complete(asyncio.wait_for(stop(), STEP))
        self.loop.close()
        self.log.close()
        self.store.close()

    def feed(self, gen: Gen) -> None:
        """Render one frame; every ``CHECK_EVERY`` frames publish them and a sentinel, wait, check."""
        if self.sent % BIG_EVERY == BIG_EVERY // 2:
            self._add(oversized_frame(self.sent // BIG_EVERY))
        self._add(gen)
        if len(self.unpublished) >= CHECK_EVERY:
            self.settle()

    def _add(self, gen: Gen) -> None:
        self.n += 1
        self.unpublished.append((gen.cls, f"fz-{self.n}", gen.render(self.n, self.known)))
        self.by_class[gen.cls] += 1
        self.sent += 1

    def settle(self) -> None:
        """Publish a sentinel, wait (bounded) until the recorder acks it, then check what came before."""
        if not self.unpublished:
            return
        self.n += 1
        sentinel = f"fz-{self.n}-sentinel"
        obj = event_obj(0, id=sentinel)
        items = [*self.unpublished, ("sentinel", sentinel, Rendered("event", dumps(obj), "event", sentinel, obj))]
        self.unpublished = []
        # straight into the hub (this thread runs its loop): the log, then a wake-up of the sender
        seqs = self.hub.publish_many([(r.kind, r.payload, None) for _c, _e, r in items])
        self.pending = list(zip(seqs, items, strict=True))
        last = seqs[-1]

        async def caught_up() -> None:
            waiter = asyncio.ensure_future(self.hub.wait_ack(CONSOLE, last))
            assert self.recorder is not None
            done, _ = await asyncio.wait({waiter, self.recorder}, timeout=STEP,
                                         return_when=asyncio.FIRST_COMPLETED)
            waiter.cancel()
            if self.recorder in done:
                raise AssertionError(f"the recorder ended (crash): {self.recorder!r}")
            if waiter not in done:
                classes = Counter(c for _s, (c, _e, _r) in self.pending)
                raise AssertionError(f"stall: the recorder is stuck at ack {self.hub.acks.get(CONSOLE, 0)} "
                                     f"below {last} after {STEP:g} s; the frames since the last check: "
                                     f"{dict(classes)}")

        self.loop.run_until_complete(caught_up())
        ack, position = self.hub.acks[CONSOLE], self.store.feed_position(CONSOLE)
        assert ack <= position, f"ack {ack} ahead of the store's position {position}"
        published, self.pending = self.pending, []
        self._check(published)

    # ---- checking --------------------------------------------------------------------------------
    def _problem(self, cls: str, what: str, sample: str) -> None:
        self.problems[(cls, what)] += 1
        self.samples.setdefault((cls, what), sample[:300])

    def _check(self, published: list[tuple[int, tuple[str, str, Rendered]]]) -> None:
        by_seq = {seq: item for seq, item in published}
        texts: dict[str, list[int]] = {}
        for seq, (_c, _e, r) in published:
            if r.expect == "quarantine":
                texts.setdefault(_frame(seq, r.kind, r.payload), []).append(seq)
        matched: set[int] = set()
        q = schema.quarantine
        with self.store.engine.connect() as conn:
            rows = conn.execute(sa.select(q.c.id, q.c.seq, q.c.raw, q.c.reason).where(q.c.id > self.q_after)
                                .order_by(q.c.id)).all()
        for row_id, seq, raw, reason in rows:
            self.q_after = row_id
            if seq is None:  # no readable seq: matched by the frame's text (or its start, if cut)
                found = [s for s in texts.get(raw, ()) if s not in matched]
                if not found and len(raw) >= 200:
                    found = [s for text, ss in texts.items() if text.startswith(raw) for s in ss if s not in matched]
                seq = found[0] if found else None
            item = by_seq.get(seq) if seq is not None else None
            if item is None:
                self._problem("?", "quarantine row matching no frame of this example", f"seq={seq} {raw!r}")
                continue
            cls, _eid, r = item
            if r.expect != "quarantine":
                self._problem(cls, "valid, but quarantined", f"{reason}: {r.payload!r}")
            elif seq in matched:
                self._problem(cls, "quarantined twice", raw)
            elif not reason:
                self._problem(cls, "quarantined without a reason", raw)
            matched.add(seq)
        stored = self.store.events.get_many([eid for _s, (_c, eid, _r) in published])
        for seq, (cls, eid, r) in published:
            if r.expect == "quarantine":
                self.invalid += 1
                if seq not in matched:
                    fate = "stored instead of quarantined" if eid in stored else "lost: neither quarantined nor stored"
                    self._problem(cls, fate, r.payload)
            elif r.expect == "event":
                self.valid += 1
                ev = stored.get(eid)
                if ev is None:
                    self._problem(cls, "valid, but not stored", r.payload)
                    continue
                self.known.append(eid)
                if ev.seq != seq or ev.duplicate_count:
                    self._problem(cls, "stored more than once or under another seq", f"{ev.seq} {eid}")
                diff = _differences(ev, r.obj or {})
                if diff:
                    self._problem(cls, "stored, but not as sent", f"{diff}: {r.payload}")
        statuses = [(seq, cls, r) for seq, (cls, _e, r) in published if r.expect == "status"]
        if statuses:
            actions = self.store.actions.log({r.event_id for _s, _c, r in statuses if r.event_id})
            seen = Counter(a.data.get("seq") for a in actions if a.data)
            for seq, cls, r in statuses:
                self.statuses += 1
                if seen[seq] != 1:
                    self._problem(cls, f"status recorded {seen[seq]} times", r.payload)

    def finish(self) -> None:
        """Whole-run checks: totals, the position at the head, every ack observed."""
        assert self.store.events.count() == self.valid
        assert self.store.quarantine.count() == self.invalid
        with self.store.engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(schema.duplicate_reports)).scalar() == 0
        assert self.store.feed_position(CONSOLE) == self.log.head
        ahead = [(a, p) for a, p in self.acks.observed if a > p]
        assert self.acks.observed, "the hub recorded no ack"
        assert not ahead, f"acks ahead of the store: {ahead[:5]}"


def _differences(ev: Event, obj: dict[str, Any]) -> list[str]:
    """Fields of a stored event that differ from the wire object it came from."""
    out = []
    loc = obj.get("location")
    rep = obj.get("reporter") or {}
    extra = {k: v for k, v in obj.items() if k not in KNOWN_FIELDS}
    if obj.get("category") not in CATEGORIES:
        extra["original_category"] = obj.get("category")
    checks = {
        "title": (ev.title, obj.get("title")),
        "description": (ev.description, obj.get("description")),
        "grid_id": (ev.grid_id, obj.get("grid_id")),
        "camera_id": (ev.camera_id, obj.get("camera_id")),
        "location": (ev.location and (ev.location.lat, ev.location.lon, ev.location.address),
                     loc and (loc["lat"], loc["lon"], loc.get("address"))),
        "reporter": ((ev.reporter_name, ev.reporter_phone), (rep.get("name"), rep.get("phone"))),
        "attachments": ([(a.kind, a.url) for a in ev.attachments],
                        [(a["kind"], a["url"]) for a in obj.get("attachments") or []]),
        "extra": (ev.extra, extra),
    }
    for name, (got, want) in checks.items():
        if got != want:
            out.append(f"{name}: {got!r:.80} != {want!r:.80}")
    return out


def test_ten_thousand_fuzzed_frames_through_hub_and_recorder(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="console.net.client")
    rig = Rig(tmp_path)
    rig.start()
    try:
        # one frame an example: Hypothesis mutates earlier examples into new ones, and with a list of
        # frames an example it copied list items (20 frames an example: 30% of the frames unique, 94% here)
        @settings(max_examples=FRAMES, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck), print_blob=False)
        @given(data=st.data())
        def one_example(data: st.DataObject) -> None:
            rig.feed(data.draw(FRAME, label="frame"))

        while rig.sent < FRAMES:  # Hypothesis may stop short of max_examples: draw until 10,000
            one_example()
        rig.settle()
        summary = "\n".join(f"  {cls}: {what} ×{n} (e.g. {rig.samples[(cls, what)]!r:.200})"
                            for (cls, what), n in sorted(rig.problems.items()))
        assert not rig.problems, f"of {rig.sent} frames ({dict(rig.by_class)}):\n{summary}"
        rig.finish()
    finally:
        rig.close()
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    reconnects = [r for r in caplog.records if r.name == "console.net.client" and "retry in" in r.getMessage()]
    assert not errors, f"errors logged: {[r.getMessage()[:200] for r in errors[:5]]}"
    assert not reconnects, f"the recorder reconnected: {[r.getMessage()[:200] for r in reconnects[:5]]}"
    assert rig.sent >= FRAMES
    assert rig.valid > FRAMES // 4
    assert rig.invalid > FRAMES // 4
