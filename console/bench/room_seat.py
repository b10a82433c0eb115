"""One seat of the ``room`` bench, as a process of its own (``python -m console.bench.room_seat``).

Every seat runs the console's Core on the room's PostgreSQL schema, follows the change log
(:class:`console.services.room_sync.RoomSync`) and feeds a real queue model (offscreen Qt, qasync).

- ``--role commit`` (seat A): every ``--every`` seconds files (研判) the newest event still new in its
  room through the decision service's commit, and prints ``COMMIT <id> <t>`` with ``t`` the wall
  clock (``time.time()``, shared by every process of the machine) right after the transaction
  committed.
- ``--role follow`` (seats B…): prints ``SEEN <id> <t>`` when the queue model first emits
  ``dataChanged``/``rowsInserted`` for a row whose event is filed — the row is repainted from that.

Prints ``READY`` once its room is loaded and it follows the log; runs ``--duration`` seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from typing import Any


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--db", required=True)
    p.add_argument("--seat", required=True)
    p.add_argument("--role", choices=("commit", "follow"), required=True)
    p.add_argument("--duration", type=float, default=20.0)
    p.add_argument("--every", type=float, default=0.2)
    args = p.parse_args(argv)

    import qasync
    from PySide6.QtWidgets import QApplication

    from console.core import Core, Options
    from console.domain.event import Level, State
    from console.qtmodels.queue_model import QueueModel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    core = Core(Options(db=args.db, seat=args.seat, officer=f"bench-{args.seat}", no_feed=True))
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    watch: set[str] = set()  # filed events the room holds whose row has not changed yet

    def filed(events: list[Any]) -> None:
        watch.update(e.id for e in events if e.state is State.FILED)

    def report(first: int, last: int) -> None:
        """The model's signal covers rows first..last: the watched events among them are repainted now."""
        if not watch:
            return
        now = time.time()
        for eid in list(watch):
            row = model.row_of(eid)
            if first <= row <= last:
                watch.discard(eid)
                print(f"SEEN {eid} {now:.6f}", flush=True)

    if args.role == "follow" and os.environ.get("ROOM_SEAT_TRACE"):  # where the time goes (diagnosis)
        sync, read, apply = core.sync, core.sync.read, core.sync.apply

        def traced_read(changes: Any) -> Any:
            t0 = time.time()
            batch = read(changes)
            for ev in batch.events:
                if ev.state is State.FILED:
                    print(f"READ {ev.id} {t0:.6f} {time.time():.6f} {len(changes)}", flush=True)
            return batch

        def traced_apply(batch: Any) -> None:
            t0 = time.time()
            apply(batch)
            for ev in batch.events if batch is not None else ():
                if ev.state is State.FILED:
                    print(f"APPLY {ev.id} {t0:.6f} {time.time():.6f}", flush=True)

        sync.read, sync.apply = traced_read, traced_apply  # type: ignore[method-assign]
    if args.role == "follow":
        core.bus.subscribe("events_changed", filed)  # before the model: heard before its flush
    model = QueueModel(core.room, core.bus, district=core.district, seat_id=core.seat)
    if args.role == "follow":
        model.dataChanged.connect(lambda tl, br, roles=(): report(tl.row(), br.row()))
        model.rowsInserted.connect(lambda _parent, first, last: report(first, last))

    def commit_one(plan: Any) -> float:
        core.decisions.commit(plan)
        return time.time()

    async def run() -> None:
        pages = await core.load_first_page()
        await core.load_other_pages(pages)
        core.start_sync()
        print(f"READY {time.time():.6f}", flush=True)
        end = loop.time() + args.duration
        while loop.time() < end:
            await asyncio.sleep(args.every)
            if args.role != "commit":
                continue
            ev = max((e for e in core.room.events.values() if e.state is State.NEW),
                     key=lambda e: e.received_at or e.reported_at, default=None)
            if ev is None:
                continue
            try:
                plan = core.decisions.plan_file(ev.id, ev.category, Level.GENERAL, "bench")
                t = await loop.run_in_executor(None, commit_one, plan)
            except Exception as exc:  # refused (changed meanwhile): take the next one
                print(f"SKIP {ev.id} {exc}", file=sys.stderr, flush=True)
                continue
            print(f"COMMIT {ev.id} {t:.6f}", flush=True)
        core.sync.stop()

    profile = os.environ.get("ROOM_SEAT_PROFILE")  # a cProfile dump of this seat (diagnosis)
    if profile:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    try:
        with loop:
            loop.run_until_complete(run())
    finally:
        core.close()
        if profile:
            prof.disable()
            prof.dump_stats(f"{profile}.{args.seat}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
