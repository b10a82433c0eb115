"""The SLA table file (``resources/sla.toml``, see ``docs/sla.md``): read, validate, build.

``load_sla`` / ``parse_sla`` turn TOML text into a :class:`~console.domain.sla.SlaTable`, or raise
:class:`~console.domain.sla.SlaConfigError` naming the file, line and key at fault (``locate``).
The model and the deadline arithmetic stay in ``console.domain.sla``, which re-exports these names.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from console.domain.event import Level
from console.domain.sla import UNITS, WARN_KEYS, Limit, Rule, SlaConfigError, SlaTable, Stage
from console.domain.workcal import WEEKDAY_NAMES, CalendarError, WorkCalendar, parse_period

_LIMIT_RE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*$")
_TOP_KEYS = frozenset({"version", "calendar", "warning", "escalation", "levels", "categories"})
_STAGE_NAMES = frozenset(s.value for s in Stage)


# ---- loading ------------------------------------------------------------------------------------
def parse_limit(value: Any) -> Limit:
    """``"4wh"`` → Limit(4, "wh"); a bare number is calendar minutes. Raises ValueError."""
    if isinstance(value, bool):
        raise ValueError("a limit must be a number of minutes or a string like '30min' or '4wh'")
    if isinstance(value, int | float):
        amount, unit = float(value), "min"
    elif isinstance(value, str):
        m = _LIMIT_RE.match(value)
        if not m:
            raise ValueError(f"not a time limit: {value!r} (expected e.g. '60s', '30min', '2h', '1d', '4wh')")
        amount, unit = float(m.group(1)), m.group(2)
        if unit not in UNITS:
            raise ValueError(f"bad unit {unit!r} (one of {', '.join(UNITS)})")
    else:
        raise ValueError("a limit must be a number of minutes or a string like '30min' or '4wh'")
    if amount < 0:
        raise ValueError(f"negative limit {value!r}")
    if amount == 0:
        raise ValueError("a limit must be positive")
    return Limit(amount, unit)


def known_category_codes() -> frozenset[str]:
    from console.domain.categories import CATEGORIES

    return frozenset(CATEGORIES)


def load_sla(path: str | Path, *, categories: Iterable[str] | None = None) -> SlaTable:
    """Read and validate an SLA table file; raises :class:`SlaConfigError`."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise SlaConfigError(f"cannot read: {exc.strerror or exc}", source=str(p)) from exc
    except UnicodeDecodeError as exc:
        raise SlaConfigError("not UTF-8 text", source=str(p)) from exc
    return parse_sla(text, source=str(p), categories=categories)


def parse_sla(text: str, *, source: str = "sla.toml", categories: Iterable[str] | None = None) -> SlaTable:
    """Validate SLA TOML text; raises :class:`SlaConfigError` naming the line and key at fault."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        if line is None:
            m = re.search(r"line (\d+)", str(exc))
            line = int(m.group(1)) if m else None
        raise SlaConfigError(f"TOML syntax error: {exc}", source=source, line=line) from exc
    codes = frozenset(categories) if categories is not None else known_category_codes()
    return _Builder(text, source, codes).build(data)


# ---- validation -----------------------------------------------------------------------------------
def _split_key(key: str) -> list[str]:
    """Split a TOML dotted key into parts, honouring quotes."""
    parts, buf, quote = [], [], ""
    for ch in key:
        if quote:
            if ch == quote:
                quote = ""
            else:
                buf.append(ch)
        elif ch in "\"'":
            quote = ch
        elif ch == ".":
            parts.append("".join(buf).strip())
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf).strip())
    return parts


def locate(text: str, path: tuple[str, ...]) -> int | None:
    """Line (1-based) where the key ``path`` is written in TOML ``text``.

    Exact match on a ``key = value`` line or a ``[table]`` header; otherwise the line of the
    longest prefix of the path that is written (e.g. the ``[levels]`` header for a missing level).
    """
    header: list[str] = []
    best_len, best_line = 0, None
    for no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            inner = line.strip("[]").split("]")[0] if not line.startswith("[[") else line[2:].split("]]")[0]
            header = _split_key(inner)
            full = header
        else:
            key, sep, _ = line.partition("=")
            if not sep:
                continue
            full = header + _split_key(key)
        n = 0
        for a, b in zip(full, path, strict=False):
            if a != b:
                break
            n += 1
        if n == len(path) and len(full) == len(path):
            return no
        if n > best_len:
            best_len, best_line = n, no
    return best_line


class _Builder:
    def __init__(self, text: str, source: str, codes: frozenset[str]) -> None:
        self.text = text
        self.source = source
        self.codes = codes

    def fail(self, path: tuple[str, ...], message: str) -> SlaConfigError:
        return SlaConfigError(message, source=self.source, line=locate(self.text, path), key=".".join(path))

    def table(self, value: Any, path: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, "must be a table")
        return value

    def limit(self, value: Any, path: tuple[str, ...]) -> Limit:
        try:
            return parse_limit(value)
        except ValueError as exc:
            raise self.fail(path, str(exc)) from None

    def warning(self, row: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if "warn_ratio" in row and "warn_before" in row:
            raise self.fail((*path, "warn_before"), "give warn_ratio or warn_before, not both")
        if "warn_ratio" in row:
            r = row["warn_ratio"]
            if isinstance(r, bool) or not isinstance(r, int | float) or not 0 < r <= 1:
                raise self.fail((*path, "warn_ratio"), "warn_ratio must be a number in (0, 1]")
            out["warn_ratio"] = float(r)
        if "warn_before" in row:
            out["warn_before"] = self.limit(row["warn_before"], (*path, "warn_before"))
        return out

    def stages(self, row: dict[str, Any], path: tuple[str, ...], *, allow: frozenset[str] = frozenset()) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in row.items():
            if key in WARN_KEYS or key in allow:
                continue
            if key not in _STAGE_NAMES:
                raise self.fail((*path, key), f"unknown stage (one of {', '.join(s.value for s in Stage)})")
            out[key] = self.limit(value, (*path, key))
        out.update(self.warning(row, path))
        return out

    def build(self, data: dict[str, Any]) -> SlaTable:
        for key in data:
            if key not in _TOP_KEYS:
                raise self.fail((key,), f"unknown section (one of {', '.join(sorted(_TOP_KEYS))})")
        calendar = self.calendar(self.table(data.get("calendar", {}), ("calendar",)))
        warn = self.warning(self.table(data.get("warning", {}), ("warning",)), ("warning",))
        for key in self.table(data.get("warning", {}), ("warning",)):
            if key not in WARN_KEYS:
                raise self.fail(("warning", key), "unknown key (warn_ratio or warn_before)")
        ratio = warn.get("warn_ratio", None if "warn_before" in warn else 0.8)
        before = warn.get("warn_before")
        esc = self.table(data.get("escalation", {}), ("escalation",))
        extra: dict[str, timedelta] = {}
        for key, value in esc.items():
            if key not in ("whistle_checkin", "broadcast_ack"):
                raise self.fail(("escalation", key), "unknown key (whistle_checkin or broadcast_ack)")
            limit = self.limit(value, ("escalation", key))
            if limit.working:
                raise self.fail(("escalation", key), "must be calendar time (s, min, h, d)")
            extra[key] = limit.delta
        if "levels" not in data:
            raise SlaConfigError("missing section [levels]", source=self.source, line=1, key="levels")
        levels_raw = self.table(data["levels"], ("levels",))
        for key in levels_raw:
            if key not in {lv.value for lv in Level}:
                raise self.fail(("levels", key), f"unknown level (one of {', '.join(lv.value for lv in Level)})")
        levels: dict[Level, Rule] = {}
        for lv in Level:
            path = ("levels", str(lv.value))
            if lv.value not in levels_raw:
                raise self.fail(path, "missing level")
            row = self.stages(self.table(levels_raw[lv.value], path), path)
            for st in Stage:
                if st.value not in row:
                    raise self.fail(path, f"missing stage {st.value!r}")
            r = row.get("warn_ratio", ratio if "warn_before" not in row else None)
            b = row.get("warn_before", before if "warn_ratio" not in row else None)
            levels[lv] = Rule({st: row[st.value] for st in Stage}, r, b)
        overrides: dict[tuple[str, Level | None], dict[str, Any]] = {}
        cats = self.table(data.get("categories", {}), ("categories",))
        level_names = {lv.value for lv in Level}
        for code, body in cats.items():
            path = ("categories", code)
            if code not in self.codes:
                raise self.fail(path, "unknown category code")
            row = self.table(body, path)
            overrides[(code, None)] = self.stages(row, path, allow=frozenset(level_names))
            for lvname in level_names & row.keys():
                sub = (*path, lvname)
                overrides[(code, Level(lvname))] = self.stages(self.table(row[lvname], sub), sub)
        return SlaTable(calendar=calendar, levels=levels, overrides=overrides,
                        whistle_checkin=extra.get("whistle_checkin", timedelta(minutes=30)),
                        broadcast_ack=extra.get("broadcast_ack", timedelta(minutes=15)))

    def calendar(self, cal: dict[str, Any]) -> WorkCalendar:
        kwargs: dict[str, Any] = {}
        for key, value in cal.items():
            path = ("calendar", key)
            if key == "timezone":
                if not isinstance(value, str):
                    raise self.fail(path, "must be a time zone name like 'Asia/Shanghai'")
                kwargs["tz_name"] = value
            elif key == "workdays":
                if not isinstance(value, list) or any(v not in WEEKDAY_NAMES for v in value):
                    raise self.fail(path, f"must be a list of {', '.join(WEEKDAY_NAMES)}")
                kwargs["weekdays"] = frozenset(WEEKDAY_NAMES.index(v) for v in value)
            elif key == "periods":
                try:
                    kwargs["periods"] = tuple(parse_period(v) for v in value)
                except (TypeError, ValueError, AttributeError) as exc:
                    raise self.fail(path, f"must be a list of 'HH:MM-HH:MM' ({exc})") from None
            elif key in ("holidays", "extra_workdays"):
                if not isinstance(value, list) or not all(isinstance(v, date) for v in value):
                    raise self.fail(path, "must be a list of dates (2026-10-01)")
                kwargs[key] = frozenset(value)
            else:
                raise self.fail(path, "unknown key (timezone, workdays, periods, holidays, extra_workdays)")
        try:
            return WorkCalendar(**kwargs)
        except CalendarError as exc:
            raise self.fail(("calendar",), str(exc)) from None


DEFAULT_SLA_PATH = Path(__file__).resolve().parents[2] / "resources" / "sla.toml"


def default_table() -> SlaTable:
    """The SLA table shipped in ``resources/sla.toml``."""
    return load_sla(DEFAULT_SLA_PATH)
