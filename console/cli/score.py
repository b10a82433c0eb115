"""`python main.py score`: the trainee's score of a training sandbox against its recording.

    python main.py score --db SANDBOX --against RECORDED --format json|pdf --out FILE

JSON: per event (seconds to dispatch, department verdicts, escalation, SLA breaches caused,
verification), totals and the KPI strip's figures for the trainee and the recorded officer. PDF:
the same as a report (Qt's PDF writer, Chinese text in Noto Sans CJK).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from console.cli.train import db_url


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("score", help="score a training sandbox against the recorded shift (JSON or PDF)")
    p.add_argument("--db", required=True, metavar="SANDBOX", help="the training sandbox (URL or SQLite file)")
    p.add_argument("--against", required=True, metavar="RECORDED", help="the recorded shift (URL or SQLite file)")
    p.add_argument("--format", choices=("json", "pdf"), default="json")
    p.add_argument("--out", default=None, metavar="FILE", help="output file (JSON: default stdout; PDF: required)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from console.domain.sla import SlaConfigError
    from console.domain.sla_config import DEFAULT_SLA_PATH, load_sla
    from console.services.scoring import NotATrainingSandbox, score_databases
    from console.store import StoreError

    if args.format == "pdf" and not args.out:
        print("score: --format pdf needs --out FILE", file=sys.stderr)
        return 2
    try:
        table = load_sla(DEFAULT_SLA_PATH)
    except SlaConfigError as exc:
        print(f"score: {exc}", file=sys.stderr)
        return 2
    try:
        score = score_databases(db_url(args.db), db_url(args.against), table=table)
    except NotATrainingSandbox as exc:
        print(f"score: --db {exc}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"score: {exc.message}", file=sys.stderr)
        return 2
    if args.format == "json":
        text = json.dumps(score, ensure_ascii=False, indent=2)
        if args.out:
            Path(args.out).write_text(text + "\n", encoding="utf-8")
        else:
            print(text)
        return 0
    return _pdf(score, Path(args.out))


def _pdf(score: dict, out: Path) -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from console.views.score_report import write_pdf

    # fonts need a GUI application; a widgets one, so the process can still show windows after
    _app = QApplication.instance() or QApplication(sys.argv[:1])
    try:
        write_pdf(score, out)
    except OSError as exc:
        print(f"score: {out}: cannot write the PDF: {exc}", file=sys.stderr)
        return 2
    print(f"score: {out}", file=sys.stderr)
    return 0
