"""Everything below the views (issue 11: out of ``console.app``): the store, the district, the bus,
the room and the services, wired once — for the console window, the headless scripted officer and
the recording workstation alike. No Qt here.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import socket
import sys
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from console.domain.district import District, DistrictError, DistrictInfo, load_district
from console.domain.grid import GridKind
from console.domain.responsibility import ResponsibilityError
from console.domain.roles import Account, writes_at_all
from console.domain.sla import SlaConfigError, load_sla
from console.net.commands import Command
from console.services.accounts import AccountService
from console.services.bus import Bus
from console.services.coverage import PatrolCoverage
from console.services.decisions import DecisionService
from console.services.escalation import EscalationService
from console.services.escalation_store import CHANGES as ESCALATION_CHANGES
from console.services.escalation_store import EscalationRecords
from console.services.feed_share import HEALTH_KEY, FeedShare
from console.services.intake_writer import IntakeElection, prune_changes
from console.services.kpi_service import KpiService
from console.services.positions import LiveWorkers, PositionService, TaskIndex
from console.services.room import Room
from console.services.room_sync import RoomSync
from console.services.sla_clock import Clock, LoopClock, SlaClock
from console.services.snapshots import SnapshotService
from console.services.triage import TriageService
from console.services.triage_engine import TriageEngine
from console.store import StoreError, open_store
from console.store.paths import data_dir

log = logging.getLogger(__name__)
# start-up reads the live room newest first: the first page is on screen before the rest is read
FIRST_PAGE = 2_000
PAGE = 2_000  # ~9 ms of the GUI thread a page (room, queue, map and board take their share)
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
DEMO_DIR = RESOURCES / "demo"


class StartupError(Exception):
    """A problem that stops the console from opening: its ``kind`` (store, district, sla, feed_url)
    and the English ``detail`` naming the file and the problem (``str()`` of the error, for logs).
    ``report_fatal`` words it for the officer in the UI language (console/views/startup_errors.py)."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


@dataclass
class Options:
    db: str | None = None
    connect: str | None = None
    token: str | None = None  # resolved by the launcher from --token-file / $GRID_FEED_TOKEN / --token
    token_file: str | None = None
    ca: str | None = None  # extra CA certificates (PEM) for a wss:// hub
    tls: Any = None  # the ssl.SSLContext for a wss:// --connect (set by the launcher)
    seat: str | None = None
    officer: str | None = None
    user: str | None = None  # the login to preselect in the login dialog
    lang: str | None = None
    basemap: str | None = None
    gcj02: bool = False
    demo_speed: float = 1.0
    mqtt: str | None = None  # grid workers' positions broker (mqtt://host:port, mqtts://host:port)
    mqtt_user: str | None = None
    mqtt_password_file: str | None = None
    mqtt_tls_ca: str | None = None
    mqtt_tls_cert: str | None = None
    mqtt_tls_key: str | None = None
    mqtt_tls_insecure: bool = False
    mqtt_auth: Any = None  # console.net.mqtt.MqttAuth, resolved by the launcher
    no_feed: bool = False
    link: str | None = None  # the room link's configuration (TOML; console.services.link_config)

    @classmethod
    def from_args(cls, args: Any) -> Options:
        return cls(**{k: getattr(args, k, None) for k in cls.__dataclass_fields__ if getattr(args, k, None) is not None})


class TaskRunner:
    """Keeps references to background tasks (DESIGN §4.7) and logs their failures."""

    def __init__(self) -> None:
        self.tasks: set[asyncio.Future[Any]] = set()

    def __call__(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Future[Any]:
        fut = asyncio.ensure_future(coro)
        self.tasks.add(fut)
        fut.add_done_callback(self._done)
        return fut

    def _done(self, fut: asyncio.Future[Any]) -> None:
        self.tasks.discard(fut)
        if not fut.cancelled() and fut.exception() is not None:
            log.debug("background task ended with %r", fut.exception())

    async def cancel_all(self) -> None:
        for t in list(self.tasks):
            t.cancel()
        if self.tasks:
            await asyncio.gather(*self.tasks, return_exceptions=True)


def load_or_seed_district(store: Any) -> District:
    """The district stored in the database; the demo district is seeded on first start."""
    if store.district.is_empty():
        demo = load_district(DEMO_DIR)
        try:
            _seed(store, demo)
        except Exception:
            if store.district.is_empty():
                raise
            # another seat of the room seeded it at the same moment: read theirs
            log.info("the district was seeded by another seat meanwhile")
        else:
            return demo
    return district_from_store(store)


def district_from_store(store: Any) -> District:
    """The district as stored (blocking: run it off the GUI thread when the console runs)."""
    grids, members, departments, cameras = store.district.load()
    raw = store.settings.get("district.info", None) or {"name": "—"}
    info = DistrictInfo(
        name=raw.get("name", "—"),
        level_names={int(k): v for k, v in (raw.get("level_names") or {}).items()} or DistrictInfo("x").level_names,
        timezone=raw.get("timezone", "Asia/Shanghai"),
        centre=tuple(raw["centre"]) if raw.get("centre") else None,
        bbox=tuple(raw["bbox"]) if raw.get("bbox") else None,
    )
    tree = [g for g in grids if g.kind is not GridKind.POLICE]
    police = [g for g in grids if g.kind is GridKind.POLICE]
    return District(info, tree, police_grids=police, members=members, departments=departments, cameras=cameras)


def make_triage_engine(store: Any, district: District) -> TriageEngine | None:
    """The trained triage classifier (not started: :meth:`Core.start_triage` loads or trains it off
    the GUI thread; keyword suggestions until it is ready). ``GRID_CONSOLE_TRIAGE_MODEL=0`` keeps
    the keyword matcher only."""
    if os.environ.get("GRID_CONSOLE_TRIAGE_MODEL", "1") == "0":
        return None
    try:
        engine = TriageEngine(records=store.triage, model_dir=data_dir() / "triage",
                              departments=district.departments.keys())
    except ResponsibilityError as exc:
        log.error("responsibility list refused, keyword suggestions only: %s", exc)
        return None
    return engine


def _seed(store: Any, demo: District) -> None:
    """Write the demo district into an empty store (first start)."""
    store.district.replace_all(
        [*demo.grids.values(), *demo.police_grids.values()],
        list(demo.members.values()),
        list(demo.departments.values()),
        list(demo.cameras.values()),
    )
    info = demo.info
    store.settings.set(
        "district.info",
        {"name": info.name, "level_names": {str(k): v for k, v in info.level_names.items()},
         "timezone": info.timezone, "centre": info.centre, "bbox": info.bbox},
    )


class Core:
    """Everything below the views: store, district, bus, room and services."""

    def __init__(self, options: Options, *, clock: Clock | None = None) -> None:
        """``clock``: the room's time (default: the wall clock; the soak runs a sped-up one)."""
        self.options = options
        self.loaded_live = 0  # stored open events put into the room so far (start-up pages)
        self.seat = options.seat or socket.gethostname() or "seat-1"
        self.officer = options.officer or os.environ.get("USER") or "值班员"
        try:
            self.store = open_store(options.db)
        except StoreError as exc:
            raise StartupError("store", exc.message) from exc
        try:
            self.district = load_or_seed_district(self.store)
        except DistrictError as exc:
            self.store.close()
            raise StartupError("district", f"district data: {exc}") from exc
        try:
            table = load_sla(RESOURCES / "sla.toml")
        except SlaConfigError as exc:
            self.store.close()
            raise StartupError("sla", str(exc)) from exc
        self.bus = Bus()
        self.clock: Clock = clock or LoopClock()
        self.sla_path = RESOURCES / "sla.toml"
        self.sla = SlaClock(self.bus, table, self.clock)
        self.room = Room(self.bus, clock=self.clock.now, deadline_fn=self.sla.room_deadline)
        self.sla.follow_room()
        self.tasks = TaskRunner()
        self.ingest: Any = None
        self.demo_hub: Any = None
        self.link: Any = None  # console.services.link.LinkService with --link
        self.on_task = TaskIndex(self.bus, self.room)
        self.workers = LiveWorkers(self.district, clock=self.clock.now, on_task=self.on_task.tasks)
        self.positions = PositionService(self.store, self.district, self.bus, live=self.workers, clock=self.clock.now)
        self.triage_engine = make_triage_engine(self.store, self.district)
        self.triage = TriageService(self.room, self.district, self.triage_engine, workers=self.workers)
        self.decisions = DecisionService(self.store, self.room, self.bus, self.district, table=table,
                                         seat=self.seat, officer=self.officer, send_command=self._send_command,
                                         clock=self.clock.now)
        self.escalation = EscalationService(self.bus, self.decisions, table, self.sla.clock,
                                            district=self.district, auto=True)
        self.escalation_records = EscalationRecords(self.escalation, self.store.settings, self.bus,
                                                    room_log=self.store.room_log, seat=self.seat)
        # deadlines (acknowledgement, check-in) act on one seat of the room: the intake writer
        self.escalation.acts_on_deadlines = lambda: self.election is None or self.election.is_writer
        self.coverage = PatrolCoverage(self.store, self.district)
        self.kpi = KpiService(self.store, table, tz=self.district.info.timezone, coverage=self.coverage)
        self.snapshots = SnapshotService(self.store.actions.append_many, bus=self.bus, seat=self.seat,
                                         actor=self.officer, clock=self.clock.now)
        self.accounts = AccountService(self.store, tz=self.district.info.timezone)
        self.account: Account | None = None  # the signed-in account (sign_in), None for headless tools
        self.training = False

        self.sla.record_table = self.record_sla_table
        try:  # the table in force from now on is part of the recording (issue 15)
            self.record_sla_table(str(self.sla_path), self.sla_path.read_text(encoding="utf-8"))
        except (OSError, StoreError) as exc:
            log.warning("the SLA table in force could not be recorded: %s", exc)
        # the room as one system (issue 14): the intake belongs to the room, the change log keeps seats in sync
        self.room_id = self.store.room_id
        self.sync = RoomSync(self.store, self.room, self.bus, seat=self.seat, clock=self.clock.now,
                             on_setting=self._on_setting, on_room_log=self.escalation_records.apply,
                             room_log_kinds=ESCALATION_CHANGES, on_district=self._on_district)
        self.sync.mark()  # before the room is read from the store: later changes are caught up
        self.escalation_records.load()  # the board: a fold of the room log (after the mark: nothing falls between)
        self.election: IntakeElection | None = None
        # the writer shares its feed health with the room; the other seats show it (and the quarantine)
        self.feed_share = FeedShare(self.store, self.bus, self.seat, clock=self.clock.now,
                                    is_writer=lambda: self.ingest is not None)
        self.command_link: Any = None
        self._make_ingest: Callable[[], Awaitable[Any]] | None = None
        self._pruner: asyncio.Future[Any] | None = None


    def sign_in(self, account: Account) -> None:
        """Work as ``account`` from now on: every action records its login (and the seat); the
        decision service refuses what its role may not do (``console.domain.roles``)."""
        self.account = account
        self.officer = account.name
        self.training = self.accounts.is_training()
        self.decisions.sign_in(account, training=self.training)
        self.snapshots.actor = account.name
        self.snapshots.account = account.login
        if not writes_at_all(account.role, training=self.training):
            # a read-only seat (wall, trainer on a live room) leaves breaches to the seats that write
            self.bus.unsubscribe("sla_breach", self.escalation.on_breach)
        log.info("seat %s: %s signed in as %s%s", self.seat, account.login, account.role.value,
                 " (training database)" if self.training else "")

    def record_sla_table(self, path: str, text: str) -> None:
        """Record the SLA table put in force (at start-up and on reload) in the room log."""
        from console.store.room_log import RoomEntry

        self.store.room_log.append_many([RoomEntry(self.clock.now(), "sla_table", actor="system", seat=self.seat,
                                                   data={"path": path, "toml": text})])

    # ---- the room: live sync, the intake writer, commands ----------------------------------------------
    def start_sync(self) -> None:
        """Follow the change log into the room (call on the running loop)."""
        self.sync.start()

    async def start_room(self, make_ingest: Callable[[], Awaitable[Any]] | None, *, connect: str | None = None,
                         token: str | None = None, ssl: Any = None) -> None:
        """Take part in the room's intake election (``make_ingest`` builds this seat's intake when it
        becomes the writer) and, on PostgreSQL with a hub, open this seat's command-only link."""
        self.start_sync()
        if connect and self.store.dialect == "postgresql":
            from console.net.command_link import CommandLink

            self.command_link = CommandLink(connect, token, self.seat, ssl=ssl)
            self.command_link.start()
        if make_ingest is None:
            return
        self._make_ingest = make_ingest
        self.election = IntakeElection(self.store, self.seat, on_gained=self._gain_intake, on_lost=self._lose_intake,
                                       on_holder=self._on_writer, healthy=self._intake_connected)
        self.election.start()

    async def _gain_intake(self) -> None:
        self.escalation.arm()  # deadlines that passed while another seat wrote (or none did) act now
        if self._make_ingest is not None and self.ingest is None:
            self.ingest = await self._make_ingest()
            self.ingest.start()
            self._pruner = self.tasks(prune_changes(self.store))  # the writer keeps the change log short

    async def _lose_intake(self) -> None:
        if self._pruner is not None:
            self._pruner.cancel()
            self._pruner = None
        ingest, self.ingest = self.ingest, None
        if ingest is not None:
            await ingest.stop()

    def _intake_connected(self) -> bool:
        return self.ingest is not None and self.ingest.state.status in ("connected", "idle")

    def _on_writer(self, holder: str | None, this_seat: bool) -> None:
        self.bus.publish("intake_writer", holder=holder, this_seat=this_seat)
        if holder is not None and not this_seat:  # show the writer's feed health from now on
            self.feed_share.on_shared()

    def _on_setting(self, key: str) -> None:
        """Another seat changed a shared setting: the writer's feed health is shown (the escalation
        board follows the room log, ``EscalationRecords.apply``, not a setting)."""
        if key == HEALTH_KEY:
            self.feed_share.on_shared()
        else:
            log.debug("room sync: setting %s changed", key)

    def _on_district(self) -> None:
        """Another seat or a tool (``import-grids``, ``cameras import``) changed the district: read it
        again off the loop, then put it in place and tell the views (grid tree, map, cameras)."""
        self.tasks(self.reload_district())

    async def reload_district(self) -> None:
        try:
            fresh = await asyncio.get_running_loop().run_in_executor(None, district_from_store, self.store)
        except (DistrictError, StoreError) as exc:  # a half-made import cannot be read: keep the district shown
            log.error("seat %s: the district changed in the room but cannot be read: %s", self.seat, exc)
            return
        self.district.adopt(fresh)  # in place: every service holding it sees the new grids
        log.info("seat %s: district read again (%d grids, %d police grids, %d cameras)", self.seat,
                 len(fresh.grids), len(fresh.police_grids), len(fresh.cameras))
        self.bus.publish("district_changed")

    async def stop_room(self) -> None:
        """Stop the intake (releasing the writer's lock), the command link and the sync."""
        if self.election is not None:
            await self.election.stop()
            self.election = None
        await self._lose_intake()
        if self.command_link is not None:
            await self.command_link.stop()
            self.command_link = None
        if self.demo_hub is not None:
            await self.demo_hub.stop()
            self.demo_hub = None
        self.sync.stop()

    async def _send_command(self, command: Command) -> tuple[bool, str | None]:
        """A hub command from the seat that decided: over its own command link when it has one
        (PostgreSQL rooms), else over its intake (the one-seat embedded room)."""
        link = self.command_link
        if link is None and self.ingest is None:
            holder = self.election.holder if self.election is not None else None
            if holder and holder != self.seat:  # a seat of a demo room (no --connect) that does not write
                return False, (f"未连接事件中枢：本席位不接入数据源，由{holder}写入；"
                               "要从本席位发送指令，请用 --connect 连接事件中枢启动")
            return False, "未连接事件中枢"
        from console.net.client import CommandError

        try:
            if link is not None:
                result = await link.send_command(command)
            else:
                result = await self.ingest.send_command(command.action, command.event_id, command.payload)
        except CommandError as exc:
            return False, str(exc)
        return result.ok, result.error

    def duplicates_for(self, event_id: str) -> list:
        return self.store.events.duplicate_reports(event_id)

    def search_history(self, query: Any, limit: int, offset: int) -> list:
        return self.store.events.search(**query.as_kwargs(), limit=limit, offset=offset)

    def actions_for(self, event_id: str) -> list:
        return self.store.actions.for_event(event_id)

    async def event_details(self, event_id: str) -> tuple[list, list]:
        """An event's action log and merged duplicate reports, read on a worker thread."""

        def read() -> tuple[list, list]:
            return self.store.actions.for_event(event_id), self.store.events.duplicate_reports(event_id)

        return await asyncio.get_running_loop().run_in_executor(None, read)

    async def stored_event(self, event_id: str) -> Any:
        """The stored version of an event, read on a worker thread (the selection's ``fetch``)."""
        return await asyncio.get_running_loop().run_in_executor(None, self.store.events.get, event_id)

    def plan_live(self) -> asyncio.Future[tuple[Any, list]]:
        """Start reading the stored open events on a worker thread (the GUI is built meanwhile):
        their pages, newest arrival first, and the first page."""

        def work() -> tuple[Any, list]:
            pages = self.store.events.open_pages(first=FIRST_PAGE, size=PAGE)
            return pages, pages.next_page()

        return asyncio.get_event_loop().run_in_executor(None, work)

    async def load_first_page(self, planned: asyncio.Future[tuple[Any, list]] | None = None) -> Any:
        """Put the newest stored open events into the room; returns the pages still to load."""
        pages, first = await (planned if planned is not None else self.plan_live())
        self.room.begin_load()
        self.room.load(first)
        self.loaded_live = len(first)
        return pages

    async def load_other_pages(self, pages: Any, progress: Any = None) -> int:
        """Load the remaining pages, each read on a worker thread while the GUI shows the previous
        one; ``progress(loaded, total)`` after each. Returns how many events were loaded in all."""
        loop = asyncio.get_running_loop()
        try:
            while pages.remaining:
                page = await loop.run_in_executor(None, pages.next_page)
                self.loaded_live += len(self.room.load(page))
                if progress is not None:
                    progress(self.loaded_live, pages.total)
        finally:
            self.room.end_load()
        return self.loaded_live

    def start_triage(self) -> None:
        """Load the active classifier version (or train it, once) in the background."""
        if self.triage_engine is not None and not self.triage_engine.ready:
            self.triage_engine.start()

    def close(self) -> None:
        self.sla.stop()
        self.escalation_records.flush_log()  # the board's last changes, before the store closes
        if self.triage_engine is not None:
            self.triage_engine.close()
        self.sync.stop()
        self.store.close()



# The console keeps many small long-lived objects (events, rows, actions). With the default
# thresholds (700, 10, 10) the collector runs every few hundred allocations and its full passes
# stall the GUI thread for tens of ms while the feed streams; measured with bench/live.py at
# 1,000 events/s: GUI-timer lateness p99 116 → 92 ms, ingest-to-visible p99 863 → 417 ms.
GC_THRESHOLDS = (50_000, 50, 1_000)


def tune_gc() -> None:
    gc.set_threshold(*GC_THRESHOLDS)


# The GUI thread takes the GIL back for every Python call Qt makes into it — about 260 ``multiData``
# calls for one repaint of the queue table — and each time another Python thread is running (the room
# sync decoding 1,000 arrivals a second, the ingest client) it waits up to the switch interval for it
# (5 ms by default): a repaint of ~20 ms of CPU then took 100–300 ms of wall time in the room bench.
SWITCH_INTERVAL_S = 0.001


def tune_threads() -> None:
    sys.setswitchinterval(SWITCH_INTERVAL_S)
