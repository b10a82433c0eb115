"""The responsibility list (权责清单): matter types, who handles each, at what level and SLA class.

``resources/triage/responsibility.toml`` is edited by the street without code. ``load_list`` reads
and validates it (tomllib + pydantic) and raises :class:`ResponsibilityError` — ONE line naming the
file, the line and the field at fault — for anything wrong: an unknown department or family, a
duplicated matter code, an empty synonym list, a category or SLA class the console does not know.
The caller keeps the last good list (``console.services.triage_model.ListWatcher``).

Each matter maps onto an existing event category (``console/domain/categories.py``), so filing,
SLA and KPIs work unchanged; the department comes from the matter (a traffic light → 交警中队
although its category's default department is another).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from console.domain.categories import CATEGORIES
from console.domain.event import Level

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"
DEFAULT_LIST_PATH = RESOURCES / "triage" / "responsibility.toml"
_CODE_RE = r"^[a-z]+\.[a-z0-9_]+$"


class ResponsibilityError(ValueError):
    """A malformed list: ``file:line: field: message`` in one line."""

    def __init__(self, message: str, *, source: str, line: int | None = None, field: str = "") -> None:
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {field + ': ' if field else ''}{message}")
        self.source = source
        self.line = line
        self.field = field
        self.message = message


class _Family(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)


class _Matter(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(pattern=_CODE_RE)
    name: str = Field(min_length=1)
    family: str = Field(min_length=1)
    department: str = Field(min_length=1)
    category: str
    level: Level
    sla: str
    synonyms: list[str] = Field(min_length=1)

    @field_validator("synonyms")
    @classmethod
    def _clean(cls, value: list[str]) -> list[str]:
        if any(not s.strip() for s in value):
            raise ValueError("a synonym is blank")
        return value


@dataclass(frozen=True, slots=True)
class Matter:
    code: str
    name: str
    family: str
    department_id: str
    category: str
    level: Level
    sla: str
    synonyms: tuple[str, ...]
    line: int  # where its [[matter]] header is in the file


@dataclass(frozen=True, slots=True)
class Family:
    id: str
    name: str
    aliases: tuple[str, ...]


class ResponsibilityList:
    """The validated list: matters by code, families, and the department → family map."""

    def __init__(self, matters: Iterable[Matter], families: Iterable[Family], departments: dict[str, str],
                 *, source: str = "responsibility.toml", digest: str = "") -> None:
        self.matters: dict[str, Matter] = {m.code: m for m in matters}
        self.families: dict[str, Family] = {f.id: f for f in families}
        self.department_family: dict[str, str] = dict(departments)
        self.source = source
        self.digest = digest
        self._alias: dict[str, str] = {}
        for f in self.families.values():
            for name in (f.id, f.name, *f.aliases):
                self._alias[_norm(name)] = f.id
        # longest first: "市场监管" before "市场", for labels that merely contain a name
        self._by_length = sorted(self._alias.items(), key=lambda kv: -len(kv[0]))

    def __len__(self) -> int:
        return len(self.matters)

    def matter(self, code: str | None) -> Matter | None:
        return self.matters.get(code) if code else None

    def family_of_department(self, dept_id: str | None) -> str | None:
        return self.department_family.get(dept_id) if dept_id else None

    def family_name(self, family: str | None) -> str:
        f = self.families.get(family) if family else None
        return f.name if f else (family or "—")

    def resolve_family(self, label: str | None, *, department_names: dict[str, str] | None = None) -> str | None:
        """A family id from a label a file may carry: a family id, name or alias, a department id or
        name, or a matter code. None when nothing matches."""
        if not label:
            return None
        key = label.strip()
        if _norm(key) in self._alias:
            return self._alias[_norm(key)]
        if key in self.department_family:
            return self.department_family[key]
        if key in self.matters:
            return self.matters[key].family
        for dept_id, name in (department_names or {}).items():
            if key == name:
                return self.department_family.get(dept_id)
        # a longer name that contains a known one: 供水公司, 交警大队, 区市场监管局, 消防救援大队
        norm = _norm(key)
        for alias, fam in self._by_length:
            if len(alias) >= 2 and alias in norm:
                return fam
        return None

    def matters_of_department(self, dept_id: str) -> list[Matter]:
        return [m for m in self.matters.values() if m.department_id == dept_id]


def load_list(path: str | Path | None = None, *, departments: Iterable[str] | None = None) -> ResponsibilityList:
    """Read and validate the list; ``departments``: the district's department ids (every matter's
    department must be one of them). Raises :class:`ResponsibilityError`."""
    p = Path(path) if path is not None else DEFAULT_LIST_PATH
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ResponsibilityError(f"cannot read the file ({exc.strerror or exc})", source=str(p)) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ResponsibilityError("not UTF-8 text", source=str(p)) from exc
    return parse_list(text, source=str(p), departments=departments)


def parse_list(text: str, *, source: str = "responsibility.toml",
               departments: Iterable[str] | None = None) -> ResponsibilityList:
    """Validate list TOML text (see :func:`load_list`)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise ResponsibilityError(f"not valid TOML ({exc})", source=source,
                                  line=int(m.group(1)) if m else None) from exc
    return _Builder(text, source, frozenset(departments) if departments is not None else None).build(data)


class _Builder:
    def __init__(self, text: str, source: str, departments: frozenset[str] | None) -> None:
        self.lines = text.splitlines()
        self.source = source
        self.departments = departments
        self.digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        self.headers = [i + 1 for i, ln in enumerate(self.lines) if re.match(r"\s*\[\[\s*matter\s*\]\]", ln)]

    def fail(self, message: str, line: int | None = None, field: str = "") -> ResponsibilityError:
        return ResponsibilityError(message, source=self.source, line=line, field=field)

    def key_line(self, key: str, *, start: int = 1, end: int | None = None) -> int | None:
        """The line of ``key = …`` between ``start`` and ``end`` (1-based, inclusive/exclusive)."""
        stop = end if end is not None else len(self.lines) + 1
        pat = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=')
        for n in range(start, stop):
            if pat.match(self.lines[n - 1]):
                return n
        return None

    def section_line(self, name: str) -> int | None:
        pat = re.compile(rf"^\s*\[\s*{re.escape(name)}\s*\]")
        return next((i + 1 for i, ln in enumerate(self.lines) if pat.match(ln)), None)

    def matter_span(self, index: int) -> tuple[int, int]:
        start = self.headers[index] if index < len(self.headers) else 1
        end = self.headers[index + 1] if index + 1 < len(self.headers) else len(self.lines) + 1
        return start, end

    def build(self, data: dict[str, Any]) -> ResponsibilityList:
        unknown = set(data) - {"version", "families", "departments", "matter"}
        if unknown:
            key = sorted(unknown)[0]
            raise self.fail("unknown key", self.key_line(key) or self.section_line(key), key)
        families = self.families(data.get("families"))
        dept_family = self.department_families(data.get("departments"), families)
        raw = data.get("matter")
        if not isinstance(raw, list) or not raw:
            raise self.fail("no [[matter]] entries", None, "matter")
        matters: list[Matter] = []
        seen: dict[str, int] = {}
        for i, item in enumerate(raw):
            start, end = self.matter_span(i)
            m = self.matter(item, start, end, families, dept_family)
            if m.code in seen:
                raise self.fail(f"duplicated matter code {m.code!r} (first at line {seen[m.code]})",
                                self.key_line("code", start=start, end=end) or start, "code")
            seen[m.code] = m.line
            matters.append(m)
        return ResponsibilityList(matters, families.values(), dept_family, source=self.source, digest=self.digest)

    def families(self, raw: Any) -> dict[str, Family]:
        line = self.section_line("families")
        if not isinstance(raw, dict) or not raw:
            raise self.fail("missing or empty [families] table", line, "families")
        out: dict[str, Family] = {}
        for fid, value in raw.items():
            try:
                f = _Family.model_validate(value)
            except ValidationError as exc:
                raise self.fail(_first_error(exc), self.key_line(fid, start=line or 1) or line, f"families.{fid}") from exc
            out[fid] = Family(fid, f.name, tuple(f.aliases))
        return out

    def department_families(self, raw: Any, families: dict[str, Family]) -> dict[str, str]:
        line = self.section_line("departments")
        if not isinstance(raw, dict) or not raw:
            raise self.fail("missing or empty [departments] table", line, "departments")
        out: dict[str, str] = {}
        for dept, fam in raw.items():
            at = self.key_line(dept, start=line or 1) or line
            if not isinstance(fam, str) or fam not in families:
                raise self.fail(f"unknown family {fam!r}", at, f"departments.{dept}")
            if self.departments is not None and dept not in self.departments:
                raise self.fail(f"unknown department {dept!r} (not in the district)", at, f"departments.{dept}")
            out[dept] = fam
        return out

    def matter(self, item: Any, start: int, end: int, families: dict[str, Family],
               dept_family: dict[str, str]) -> Matter:
        if not isinstance(item, dict):
            raise self.fail("a [[matter]] entry must be a table", start, "matter")
        try:
            m = _Matter.model_validate(item)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = str(err["loc"][0]) if err.get("loc") else "matter"
            line = self.key_line(field, start=start, end=end) or start
            msg = "empty synonym list" if field == "synonyms" and err.get("type") == "too_short" else _first_error(exc)
            raise self.fail(msg, line, field) from exc

        def at(field: str) -> int:
            return self.key_line(field, start=start, end=end) or start

        if m.department not in dept_family:
            raise self.fail(f"unknown department {m.department!r}", at("department"), "department")
        if self.departments is not None and m.department not in self.departments:
            raise self.fail(f"unknown department {m.department!r} (not in the district)", at("department"), "department")
        if m.family not in families:
            raise self.fail(f"unknown family {m.family!r}", at("family"), "family")
        if dept_family[m.department] != m.family:
            raise self.fail(f"family {m.family!r} is not the family of {m.department} ({dept_family[m.department]!r})",
                            at("family"), "family")
        if m.category not in CATEGORIES:
            raise self.fail(f"unknown category {m.category!r}", at("category"), "category")
        if m.sla != "default" and m.sla not in CATEGORIES:
            raise self.fail(f"unknown SLA class {m.sla!r} (a category code or \"default\")", at("sla"), "sla")
        if len(set(m.synonyms)) != len(m.synonyms):
            raise self.fail("a synonym is listed twice", at("synonyms"), "synonyms")
        return Matter(m.code, m.name, m.family, m.department, m.category, m.level, m.sla,
                      tuple(s.strip() for s in m.synonyms), start)


def _norm(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(x) for x in err.get("loc", ()))
    return f"{loc + ': ' if loc else ''}{err.get('msg', 'invalid')}"
