"""Triage from the command line (issue 17).

- ``triage-suggest --in FILE.jsonl``: one JSON line out per ``{"text": …}`` line in (optionally
  ``"lat","lon"``): ``{"text","category","department","confidence","abstain","top3":[…],"reason"}``
  plus ``matter``, ``family`` and the grid found at ``lat/lon``.
- ``triage-eval --in LABELLED.jsonl``: top-1 (family, among non-abstained), top-3, abstention and
  a confusion table by family. Labels: ``family``, ``department`` or ``matter`` (ids or names).
- ``triage-model list|rollback|retrain``: the classifier versions kept in the database.

The model is the active version of the database given with ``--db`` (the console's by default),
loaded from the data dir's cache or trained once (≈10 s) and cached.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


class _Exit(Exception):
    """Stop the command with this exit code (the message is already printed)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _exits(fn: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        try:
            return int(fn(args))
        except _Exit as exc:
            return exc.code

    return run


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("triage-suggest", help="suggest matter, department and family for JSONL complaints")
    p.add_argument("--in", dest="infile", required=True, metavar="FILE.jsonl", help='lines {"text": …, "lat"?, "lon"?}')
    p.add_argument("--db", default=None, help="database URL (default: the console's SQLite database)")
    p.add_argument("--list", default=None, help="responsibility list TOML (default: resources/triage/responsibility.toml)")
    p.set_defaults(func=_exits(run_suggest))
    p = sub.add_parser("triage-eval", help="measure the classifier on a labelled JSONL file")
    p.add_argument("--in", dest="infile", required=True, metavar="LABELLED.jsonl",
                   help='lines {"text": …, "family"|"department"|"matter": …}')
    p.add_argument("--db", default=None, help="database URL (default: the console's SQLite database)")
    p.add_argument("--list", default=None, help="responsibility list TOML")
    p.add_argument("--json", action="store_true", help="one JSON object instead of the table")
    p.set_defaults(func=_exits(run_eval))
    p = sub.add_parser("triage-model", help="classifier versions: list, rollback, retrain")
    p.add_argument("action", choices=("list", "rollback", "retrain"))
    p.add_argument("--to", type=int, default=None, help="rollback: the version to make active (default: the previous)")
    p.add_argument("--db", default=None, help="database URL (default: the console's SQLite database)")
    p.set_defaults(func=_exits(run_model))


def _engine(args: argparse.Namespace, *, need_model: bool = True) -> tuple[Any, Any, Any]:
    """(engine, store, district); raises _Exit(2) after one line on a user error."""
    from console.core import load_or_seed_district
    from console.domain.responsibility import DEFAULT_LIST_PATH, ResponsibilityError
    from console.services.triage_engine import TriageEngine
    from console.store import StoreError, open_store
    from console.store.paths import data_dir

    try:
        store = open_store(args.db)
    except StoreError as exc:
        print(f"cannot open the database: {exc.message}", file=sys.stderr)
        raise _Exit(2) from exc
    district = load_or_seed_district(store)
    list_path = Path(getattr(args, "list", None) or DEFAULT_LIST_PATH)
    try:
        engine = TriageEngine(records=store.triage, model_dir=data_dir() / "triage", list_path=list_path,
                              departments=district.departments.keys())
    except ResponsibilityError as exc:
        store.close()
        print(f"responsibility list refused: {exc}", file=sys.stderr)
        raise _Exit(2) from exc
    if need_model:
        engine.start().result()
        if not engine.ready:
            store.close()
            print("the triage model could not be prepared (see the log)", file=sys.stderr)
            raise _Exit(1)
    return engine, store, district


def _read_jsonl(path: str) -> list[tuple[int, dict[str, Any]]]:
    out = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{path}: cannot read ({exc})", file=sys.stderr)
        raise _Exit(2) from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            print(f"{path}:{n}: not JSON ({exc.args[0]})", file=sys.stderr)
            raise _Exit(2) from exc
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
            print(f"{path}:{n}: text: missing or empty", file=sys.stderr)
            raise _Exit(2)
        for key in ("lat", "lon"):
            if key in obj and not isinstance(obj[key], int | float):
                print(f"{path}:{n}: {key}: not a number", file=sys.stderr)
                raise _Exit(2)
        out.append((n, obj))
    return out


def suggestion_line(engine: Any, district: Any, obj: dict[str, Any]) -> dict[str, Any]:
    from console.domain.reasons import Reason

    text = obj["text"]
    pred = engine.predict(text)
    lst = engine.lst
    m = lst.matter(pred.matter)
    grid_id = None
    if isinstance(obj.get("lat"), int | float) and isinstance(obj.get("lon"), int | float):
        grid_id = district.locate(float(obj["lon"]), float(obj["lat"]))
    grid = district.grids[grid_id].name if grid_id in district.grids else "—"
    dept = district.department(pred.department_id)
    top3 = []
    for a in pred.top3:
        am = lst.matter(a.matter)
        d = district.department(a.department_id)
        top3.append({"matter": a.matter, "name": am.name if am else a.matter, "category": am.category if am else "",
                     "department": a.department_id, "department_name": d.name if d else a.department_id,
                     "family": a.family, "p": a.probability})
    if pred.abstain:
        reason = Reason("model_abstain", confidence=pred.confidence,
                        candidates=tuple(f"{t['name']}（{lst.family_name(t['family'])}）" for t in top3))
    else:
        reason = Reason("model", matter=m.name if m else pred.matter, confidence=pred.confidence, phrases=pred.phrases)
    where = Reason("model_department", matter=m.name if m else pred.matter,
                   department=dept.name if dept else pred.department_id, grid=grid)
    return {"text": text, "category": pred.category, "department": pred.department_id,
            "department_name": dept.name if dept else pred.department_id, "family": pred.family,
            "matter": pred.matter, "confidence": pred.confidence, "abstain": pred.abstain, "top3": top3,
            "reason": f"{reason}；{where}", "grid_id": grid_id}


def run_suggest(args: argparse.Namespace) -> int:
    rows = _read_jsonl(args.infile)
    engine, store, district = _engine(args)
    try:
        for _, obj in rows:
            print(json.dumps(suggestion_line(engine, district, obj), ensure_ascii=False))
    finally:
        engine.close()
        store.close()
    return 0


def run_eval(args: argparse.Namespace) -> int:
    from console.services.triage_data import LabelledFileError, read_labelled
    from console.services.triage_model import metrics

    engine, store, district = _engine(args)
    try:
        names = {d.id: d.name for d in district.departments.values()}
        skipped: list[str] = []
        try:
            rows = read_labelled(args.infile, engine.lst, names, skipped=skipped)
        except LabelledFileError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        for msg in skipped:
            print(f"{msg}; row left out", file=sys.stderr)
        if not rows:
            print(f"{args.infile}: no row with a known label", file=sys.stderr)
            return 2
        preds = engine.model.predict_many([r.text for r in rows])
        m = metrics(preds, [r.family or "" for r in rows], [r.matter for r in rows])
    finally:
        engine.close()
        store.close()
    if args.json:
        print(json.dumps({**m.as_dict(), "confusion": m.confusion, "threshold": engine.model.threshold,
                          "version": engine.version, "skipped": len(skipped)}, ensure_ascii=False))
        return 0
    print(f"{args.infile}: {m.n} reports, model version {engine.version} (threshold {engine.model.threshold:.3f})"
          + (f"; {len(skipped)} left out (unknown label)" if skipped else ""))
    print(f"top-1 (family, among non-abstained): {m.top1:.1%}")
    print(f"top-3 (family):                      {m.top3:.1%}")
    print(f"abstention (需人工研判):              {m.abstention:.1%}")
    if m.matter_top1 is not None:
        print(f"top-1 matter (where labelled):       {m.matter_top1:.1%}")
    print(_confusion_table(m.confusion))
    return 0


def _confusion_table(conf: dict[str, dict[str, int]]) -> str:
    cols = sorted({c for row in conf.values() for c in row} | set(conf), key=lambda c: (c == "需人工研判", c))
    width = max(len(c) for c in cols) + 1
    head = "gold \\ predicted".ljust(18) + "".join(c[:width].rjust(width) for c in cols) + "   n   ok"
    lines = ["confusion by family (rows: label, columns: answer):", head]
    for g in sorted(conf):
        row = conf[g]
        n = sum(row.values())
        lines.append(g.ljust(18) + "".join(str(row.get(c, 0) or ".").rjust(width) for c in cols)
                     + f"{n:4d} {row.get(g, 0) / n:5.0%}")
    return "\n".join(lines)


def run_model(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    engine, store, _ = _engine(args, need_model=args.action == "retrain")
    try:
        if args.action == "rollback":  # the console loads that version at its next start
            row = store.triage.rollback(args.to)
            version = row.version if row is not None else None
            if version is None:
                print("triage-model: no earlier version to roll back to" if args.to is None
                      else f"triage-model: version {args.to} cannot be made active", file=sys.stderr)
                return 1
            print(f"triage model version {version} is active again (a running console takes it at its next start)")
        elif args.action == "retrain":
            version = engine.retrain().result()
            print(f"trained version {version}" if version is not None else "retraining failed (see the log)")
        rows = store.triage.models()
        if not rows:
            print("no triage model versions yet (the console trains one at its first start)")
        for r in rows:
            when = datetime.fromtimestamp(r.created_at / 1e6, UTC).strftime("%Y-%m-%d %H:%M")
            print(f"v{r.version:<3} {r.status:<8} {when}Z examples {r.n_examples:<5} held-out top-1 {r.heldout_top1:.1%} "
                  f"top-3 {r.heldout_top3:.1%} abstain {r.abstention:.1%} threshold {r.threshold:.3f}"
                  + (f"  ({r.note})" if r.note else ""))
    finally:
        engine.close()
        store.close()
    return 0
