"""Snapshots: a video frame attached to an event (issue 6). No Qt — the wall hands over bytes.

The image is written under ``<data dir>/snapshots/<event id>/`` and an :class:`Action` of kind
``"snapshot"`` is appended to the event's log through the callable passed in (the store's
``actions.append_many``). The action's ``data`` holds the file path (relative to the data dir),
the camera id, the image format and its size; ``note`` names the camera.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from console.domain.event import Action, utcnow
from console.services.bus import Bus
from console.services.media import default_data_dir

SNAPSHOT_DIR = "snapshots"
_SAFE = re.compile(r"[^A-Za-z0-9._-]")
_FORMATS = {"png": b"\x89PNG\r\n\x1a\n", "jpg": b"\xff\xd8\xff"}


@dataclass(frozen=True, slots=True)
class Snapshot:
    path: Path  # absolute
    action: Action


class SnapshotService:
    """Stores snapshots and logs them. ``record`` receives a one-element list of actions.

    When a :class:`Bus` is given, ``snapshot_saved(event_id: str, action: Action)`` is published
    after the action is recorded, so an open detail timeline can refresh.
    """

    def __init__(
        self,
        record: Callable[[Sequence[Action]], Any],
        *,
        data_dir: Path | None = None,
        bus: Bus | None = None,
        actor: str = "console",
        seat: str | None = None,
        clock: Callable[[], datetime] = utcnow,
        account: str | None = None,
    ) -> None:
        self._record = record
        self.account = account  # the signed-in login, recorded with each snapshot
        self._root = data_dir
        self._bus = bus
        self.actor = actor
        self.seat = seat
        self._clock = clock

    @property
    def root(self) -> Path:
        return self._root if self._root is not None else default_data_dir()

    def save(self, event_id: str, camera_id: str, image: bytes, *, fmt: str = "png", camera_name: str | None = None) -> Snapshot:
        """Write the image, append the action; raises ValueError for empty/unknown images, OSError on disk errors."""
        magic = _FORMATS.get(fmt)
        if magic is None:
            raise ValueError(f"unsupported snapshot format {fmt!r} ({', '.join(_FORMATS)})")
        if not image.startswith(magic):
            raise ValueError(f"the image data is not {fmt.upper()}")
        at = self._clock()
        folder = self.root / SNAPSHOT_DIR / _SAFE.sub("_", event_id)
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"{at.strftime('%Y%m%dT%H%M%S_%fZ')}_{_SAFE.sub('_', camera_id)}"
        path = folder / f"{stem}.{fmt}"
        n = 1
        while path.exists():
            n += 1
            path = folder / f"{stem}-{n}.{fmt}"
        tmp = path.with_name(f".{path.name}.part")
        tmp.write_bytes(image)
        os.replace(tmp, path)
        action = Action(
            event_id=event_id,
            at=at,
            kind="snapshot",
            actor=self.actor,
            seat=self.seat,
            account=self.account,
            note=camera_name or camera_id,
            data={
                "path": path.relative_to(self.root).as_posix(),
                "camera_id": camera_id,
                "format": fmt,
                "bytes": len(image),
            },
        )
        try:
            self._record([action])
        except Exception:
            path.unlink(missing_ok=True)  # no orphan file without its log entry
            raise
        if self._bus is not None:
            self._bus.publish("snapshot_saved", event_id=event_id, action=action)
        return Snapshot(path, action)
