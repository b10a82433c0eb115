"""A room's link configuration (TOML, ``python main.py link --config FILE``).

```toml
room = "yungang"            # this room's id (A-Z a-z 0-9 _ -)
label = "云港街道"           # shown in the other rooms
level = "street"            # street | district
parent = "haibin"           # street: the district room's id
district = "haibin"         # the district of the subjects (a district: its own id; default: parent)
nats = ["nats://127.0.0.1:4222"]
credentials = "link.creds.toml"   # user/password or token (TOML), or a NATS .creds file; required
db = "yungang.db"           # the room's database (headless link; the console uses its own)
broadcast_ack = "auto"      # street: answer a district broadcast's roll call on receipt, or "officer"

city = "city.12345"         # district: take the city 12345 platform's work orders (city.12345.<district>.orders)

[children]                  # district: its streets (id = label); a message from another is quarantined
yungang = "云港街道"

[parent_departments]        # street: departments of the district a whistle may summon (id = name)
"qu.housing" = "区住建局"
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from console.domain.link import LinkFormatError, check_room_id

LEVELS = ("street", "district")
ACK_MODES = ("auto", "officer")


class LinkConfigError(ValueError):
    """A configuration that cannot be used (one line naming the file and the field)."""


@dataclass(frozen=True, slots=True)
class LinkConfig:
    room: str
    label: str
    level: str
    servers: tuple[str, ...]
    credentials: str | None = None
    parent: str | None = None
    parent_label: str | None = None
    district: str | None = None
    db: str | None = None
    broadcast_ack: str = "auto"
    children: dict[str, str] = field(default_factory=dict)
    parent_departments: dict[str, str] = field(default_factory=dict)
    city: str | None = None  # district: the city 12345 platform's subject prefix (e.g. "city.12345")

    @property
    def subject_district(self) -> str:
        return self.district or (self.room if self.level == "district" else self.parent) or self.room

    @property
    def is_street(self) -> bool:
        return self.level == "street"


def parse_link_config(data: dict[str, Any], where: str = "link config", base: Path | None = None) -> LinkConfig:
    def text(key: str, required: bool = True) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                raise LinkConfigError(f"{where}: missing {key!r}")
            return None
        if not isinstance(value, str) or not value.strip():
            raise LinkConfigError(f"{where}: {key!r} must be a non-empty string")
        return value.strip()

    def path(key: str) -> str | None:
        value = text(key, required=False)
        if value is None or base is None or Path(value).is_absolute():
            return value
        return str(base / value)

    try:
        room = check_room_id(text("room") or "", "room")
        level = text("level") or ""
        if level not in LEVELS:
            raise LinkConfigError(f"{where}: level must be one of {', '.join(LEVELS)}, not {level!r}")
        parent = text("parent", required=level == "street")
        if parent is not None:
            check_room_id(parent, "parent")
        district = text("district", required=False)
        if district is not None:
            check_room_id(district, "district")
        children = data.get("children") or {}
        if not isinstance(children, dict):
            raise LinkConfigError(f"{where}: [children] must be a table of id = label")
        for cid, clabel in children.items():
            check_room_id(cid, "child")
            if not isinstance(clabel, str):
                raise LinkConfigError(f"{where}: children.{cid} must be a label string")
    except LinkFormatError as exc:
        raise LinkConfigError(f"{where}: {exc}") from None
    servers = data.get("nats")
    if isinstance(servers, str):
        servers = [servers]
    if not servers or not all(isinstance(s, str) and s.startswith(("nats://", "tls://")) for s in servers):
        raise LinkConfigError(f"{where}: nats must list server URLs (nats://host:port)")
    ack = text("broadcast_ack", required=False) or "auto"
    if ack not in ACK_MODES:
        raise LinkConfigError(f"{where}: broadcast_ack must be one of {', '.join(ACK_MODES)}")
    depts = data.get("parent_departments") or {}
    if not isinstance(depts, dict) or not all(isinstance(v, str) for v in depts.values()):
        raise LinkConfigError(f"{where}: [parent_departments] must be a table of id = name")
    credentials = path("credentials")
    if credentials is None:
        raise LinkConfigError(f"{where}: missing 'credentials' (a NATS user/password or token is required)")
    return LinkConfig(room=room, label=text("label", required=False) or room, level=level,
                      servers=tuple(servers), credentials=credentials, parent=parent,
                      parent_label=text("parent_label", required=False), district=district, db=path("db"),
                      broadcast_ack=ack, children={str(k): str(v) for k, v in children.items()},
                      parent_departments={str(k): str(v) for k, v in depts.items()},
                      city=text("city", required=False))


def load_link_config(file: str | Path) -> LinkConfig:
    p = Path(file)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LinkConfigError(f"{file}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LinkConfigError(f"{file}: cannot read it ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise LinkConfigError(f"{file}: not valid TOML ({exc})") from None
    return parse_link_config(data, str(file), p.resolve().parent)
