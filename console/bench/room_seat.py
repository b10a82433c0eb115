"""One seat of the ``room`` bench, as a process of its own (``python -m console.bench.room_seat``).

Every seat runs the console's Core on the room's PostgreSQL schema, follows the change log
(:class:`console.services.room_sync.RoomSync`) and feeds a real queue model (offscreen Qt, qasync).

- ``--role commit`` (seat A): every ``--every`` seconds files (研判) the newest event still new in its
  room through the decision service's commit, and prints ``COMMIT <id> <t>`` with ``t`` the wall
  clock (``time.time()``, shared by every process of the machine) right after the transaction
  committed.
- ``--role follow`` (seats B…): prints ``SEEN <id> <t>`` when the queue table's viewport has finished
  the first paint after the model emitted ``dataChanged``/``rowsInserted`` for the row of a filed
  event: the moment the officer's screen shows the other seat's decision. At 1,000 arrivals/s the
  newer arrivals have usually pushed that row below the visible part of the table, where Qt would
  paint nothing for it; the seat then asks for a paint of one row's strip, so the figure is what it
  would be for a row on screen (the counts of both cases go to stderr).

Every seat shows the duty officer's queue dock (:class:`QueueView`, 1280×800, offscreen) on a real
queue model, so each pays for its repaints as a console does.

The process is set up as the console sets itself up (``console.launch``): the GC thresholds of
:func:`console.core.tune_gc`, the GIL switch interval of :func:`console.core.tune_threads`, and
``gc.freeze()`` once the room is loaded.

Diagnosis (not part of the figures): ``ROOM_SEAT_TRACE=1`` prints READ/APPLY/SIGNAL lines per watched
event (the driver prints them relative to the commit), ``ROOM_SEAT_SPANS=<path>`` writes the sync's
steps, every table paint, GC passes and GUI-thread stalls to ``<path>.<seat>``, ``ROOM_SEAT_PROFILE``
a cProfile dump.

Prints ``READY`` once its room is loaded and it follows the log; runs until a line (or EOF) on stdin,
at most ``--duration`` seconds, and leaves without the interpreter's shutdown.
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

    import gc
    import threading
    from collections import deque

    import qasync
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from console.core import Core, Options, tune_gc, tune_threads
    from console.domain.event import Level, State
    from console.qtmodels.queue_model import QueueModel
    from console.views.gui_gc import collect_on_gui_thread
    from console.views.queue_view import QueueView

    tune_gc()
    tune_threads()  # the console's process set-up (console.launch): the GC thresholds, then a freeze after the load
    app = QApplication.instance() or QApplication(sys.argv[:1])
    collect_on_gui_thread(app)  # as the console does: cycles collected on the GUI thread only
    spans_path = os.environ.get("ROOM_SEAT_SPANS")
    spans: list[tuple[Any, ...]] = []
    if spans_path:
        _trace_spans(spans)
    core = Core(Options(db=args.db, seat=args.seat, officer=f"bench-{args.seat}", no_feed=True))
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    out_lock = threading.Lock()

    def emit(line: str) -> None:  # one write a line: the sync thread's trace lines never interleave ours
        with out_lock:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()

    watch: set[str] = set()  # filed events the room holds whose row has not changed yet
    signalled: dict[str, float] = {}  # … whose row the model changed: repainted at the next paint
    trace = args.role == "follow" and bool(os.environ.get("ROOM_SEAT_TRACE"))
    placement = [0, 0]  # watched rows on screen / below the visible part when the model changed them

    def filed(events: list[Any]) -> None:
        watch.update(e.id for e in events if e.state is State.FILED)

    def signal(first: int, last: int) -> None:
        """The model's signal covers rows first..last: the watched events among them are drawn anew
        at the table's next paint."""
        if not watch:
            return
        now = time.time()
        for eid in list(watch):
            row = model.row_of(eid)
            shown = model.event_at(row) if first <= row <= last else None
            if shown is not None and shown.state is State.FILED:  # not a countdown tick before the change
                watch.discard(eid)
                signalled[eid] = now
                if trace:
                    emit(f"SIGNAL {eid} {now:.6f}")
                table, port = view.table, view.table.viewport()
                if table.visualRect(model.index(row, 0)).intersects(port.rect()):
                    placement[0] += 1  # on screen: Qt repaints the row's rectangle
                else:  # scrolled below by newer arrivals: a row's worth of paint, as Qt would do for it
                    placement[1] += 1
                    port.update(0, 0, port.width(), table.verticalHeader().defaultSectionSize())

    class Painted(QObject):
        """After each paint of the queue table's viewport: the changed rows are on the screen now."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
            if event.type() != QEvent.Type.Paint or not (signalled or spans_path):
                return False
            t0 = time.time()
            view.table.viewportEvent(event)  # the table paints (what its own viewport filter does)…
            now = time.time()  # …and is drawn: every row changed before this paint began is repainted
            if spans_path:
                spans.append(("paint", "MainThread", f"{t0:.6f}", f"{now:.6f}", 0, ""))
            for eid in list(signalled):
                del signalled[eid]
                emit(f"SEEN {eid} {now:.6f}")
            return True

    if trace:  # where the time goes (diagnosis)
        sync, read, apply = core.sync, core.sync.read, core.sync.apply

        def traced_read(changes: Any, conn: Any = None) -> Any:
            t0 = time.time()
            batch = read(changes, conn)
            for ev in batch.events:
                if ev.state is State.FILED:
                    emit(f"READ {ev.id} {t0:.6f} {time.time():.6f} {len(changes)}")
            return batch

        def traced_apply(batch: Any) -> None:
            t0 = time.time()
            apply(batch)
            for ev in batch.events if batch is not None else ():
                if ev.state is State.FILED:
                    emit(f"APPLY {ev.id} {t0:.6f} {time.time():.6f}")

        sync.read, sync.apply = traced_read, traced_apply  # type: ignore[method-assign]
    newest: deque[str] = deque(maxlen=2_000)  # seat A: the latest arrivals, newest last
    if args.role == "follow":
        core.bus.subscribe("events_changed", filed)  # before the model: heard before its flush
        core.bus.subscribe("events_added", filed)  # (a decision read before its arrival comes as one)
    else:
        core.bus.subscribe("events_added", lambda events: newest.extend(e.id for e in events))
    model = QueueModel(core.room, core.bus, district=core.district, seat_id=core.seat)
    painted = Painted()
    view = QueueView(model)  # every seat: the duty officer's queue dock, drawn offscreen
    view.resize(1280, 800)
    view.show()
    if args.role == "follow":
        model.dataChanged.connect(lambda tl, br, roles=(): signal(tl.row(), br.row()))
        model.rowsInserted.connect(lambda _parent, first, last: signal(first, last))
        view.table.viewport().installEventFilter(painted)
        if spans_path:  # the GUI thread's lateness: a 20 ms timer's late fires
            from PySide6.QtCore import QTimer

            beat = QTimer()
            beat.setInterval(20)
            last_beat = [time.time()]

            def on_beat() -> None:
                now = time.time()
                if now - last_beat[0] > 0.06:
                    spans.append(("late", "MainThread", f"{last_beat[0] + 0.02:.6f}", f"{now:.6f}", 0, ""))
                last_beat[0] = now

            beat.timeout.connect(on_beat)
            beat.start()

    def commit_one(plan: Any) -> float:
        core.decisions.commit(plan)
        return time.time()

    def newest_new() -> Any:
        while newest:
            ev = core.room.get(newest[-1])
            if ev is not None and ev.state is State.NEW:
                return ev
            newest.pop()
        return None

    async def run() -> None:
        pages = await core.load_first_page()
        await core.load_other_pages(pages)
        gc.freeze()  # as the console does once its room is loaded (console.launch)
        core.start_sync()
        emit(f"READY {time.time():.6f}")
        stop = asyncio.Event()

        def wait_for_stop() -> None:  # the bench driver writes a line (or closes stdin) when it is done
            sys.stdin.readline()
            loop.call_soon_threadsafe(stop.set)

        threading.Thread(target=wait_for_stop, name="stop-line", daemon=True).start()
        end = loop.time() + args.duration
        while loop.time() < end and not stop.is_set():
            await asyncio.sleep(args.every)
            if args.role != "commit":
                continue
            ev = newest_new()
            if ev is None:
                continue
            try:
                plan = core.decisions.plan_file(ev.id, ev.category, Level.GENERAL, "bench")
                t = await loop.run_in_executor(None, commit_one, plan)
            except Exception as exc:  # refused (changed meanwhile): take the next one
                print(f"SKIP {ev.id} {exc}", file=sys.stderr, flush=True)
                continue
            emit(f"COMMIT {ev.id} {t:.6f}")
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
        view.table.viewport().removeEventFilter(painted)
        view.close()
        core.close()
        if args.role == "follow":
            print(f"rows changed on screen {placement[0]}, below it {placement[1]}", file=sys.stderr, flush=True)
        if profile:
            prof.disable()
            prof.dump_stats(f"{profile}.{args.seat}")
        if spans_path:
            with open(f"{spans_path}.{args.seat}", "w") as fh:
                for sp in spans:
                    print(*sp, file=fh)
    sys.stdout.flush()
    sys.stderr.flush()
    # no interpreter shutdown: its final collections over every frozen object cost seconds of CPU, which
    # the other seats, still measuring, would pay for
    os._exit(0)


def _trace_spans(spans: list[tuple[Any, ...]]) -> None:
    """Record (name, thread, start, end, size) of the sync's steps (diagnosis; class-level wrappers)."""
    import threading

    from console.qtmodels.queue_model import QueueModel
    from console.services.room_sync import RoomSync
    from console.store.events import EventRepository
    from console.store.store import Store

    def wrap(cls: Any, name: str, size: Any) -> None:
        fn = getattr(cls, name)

        def traced(*a: Any, **kw: Any) -> Any:
            t0 = time.time()
            out = fn(*a, **kw)
            spans.append((name, threading.current_thread().name, f"{t0:.6f}", f"{time.time():.6f}",
                          size(a, kw, out), kw.get("kind", "")))
            return out

        setattr(cls, name, traced)

    def n_out(a: Any, kw: Any, out: Any) -> int:
        return len(out) if out is not None and hasattr(out, "__len__") else 0

    import psycopg

    notifies = psycopg.Connection.notifies

    def traced_notifies(self: Any, *a: Any, **kw: Any) -> Any:
        for note in notifies(self, *a, **kw):
            spans.append(("notify", threading.current_thread().name, f"{time.time():.6f}", "0", note.payload, ""))
            yield note

    psycopg.Connection.notifies = traced_notifies  # type: ignore[method-assign]
    import gc

    gc_start: list[float] = [0.0]

    def on_gc(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            gc_start[0] = time.time()
        else:
            spans.append((f"gc{info['generation']}", threading.current_thread().name, f"{gc_start[0]:.6f}",
                          f"{time.time():.6f}", info.get("collected", 0), ""))

    gc.callbacks.append(on_gc)
    wrap(Store, "changes_after", n_out)
    wrap(EventRepository, "get_many", n_out)
    wrap(RoomSync, "apply", lambda a, kw, out: len(a[1].events) if a[1] is not None else -1)
    wrap(RoomSync, "_catch_up", n_out)
    wrap(RoomSync, "_drain", n_out)
    wrap(QueueModel, "flush", n_out)


if __name__ == "__main__":
    sys.exit(main())
