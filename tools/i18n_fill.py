"""Fill the unfinished messages of a Qt Linguist .ts file from a table of translations.

    python tools/i18n_fill.py resources/i18n/console_zh_CN.ts --identity
    python tools/i18n_fill.py resources/i18n/console_en.ts --table en_new.py
    python tools/i18n_fill.py resources/i18n/console_*.ts --check

``--identity`` copies the source text (Simplified Chinese is the source language). ``--table`` names a
Python file defining ``EN``: a dict from the source text, or from (context, source) where one context
words it differently, to the translation. Only messages marked ``type="unfinished"`` are touched and the
mark is removed from those filled; the file keeps the layout lupdate writes (the edit is textual).
``--check`` prints messages/translated/unfinished per file and fails when any is unfinished or a
translation loses a %n placeholder or markup tag of its source.
"""

from __future__ import annotations

import argparse
import html
import re
import runpy
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

CONTEXT = re.compile(r"<context>\s*<name>(.*?)</name>(.*?)</context>", re.S)
MESSAGE = re.compile(r"<message>(.*?)</message>", re.S)
SOURCE = re.compile(r"<source>(.*?)</source>", re.S)
UNFINISHED = re.compile(r'<translation type="unfinished">(.*?)</translation>|<translation type="unfinished"/>', re.S)
PLACEHOLDER = re.compile(r"%\d+|%n")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def escape(text: str) -> str:
    return html.escape(text, quote=False).replace("'", "&apos;").replace('"', "&quot;")


def fill(text: str, lookup) -> tuple[str, int, list[str]]:
    """(new text, messages filled, sources without a translation)."""
    filled, missing = 0, []

    def one_context(cm: re.Match) -> str:
        nonlocal filled
        ctx = html.unescape(cm.group(1))

        def one_message(mm: re.Match) -> str:
            nonlocal filled
            body = mm.group(1)
            if 'type="unfinished"' not in body or "<numerusform" in body:
                return mm.group(0)
            raw = SOURCE.search(body).group(1)
            tr = lookup(ctx, html.unescape(raw), raw)
            if tr is None:
                missing.append(f"{ctx}: {html.unescape(raw)}")
                return mm.group(0)
            filled += 1
            return "<message>" + UNFINISHED.sub(lambda _m: f"<translation>{tr}</translation>", body, count=1) + "</message>"

        head = cm.group(0)[: cm.start(2) - cm.start(0)]
        return head + MESSAGE.sub(one_message, cm.group(2)) + "</context>"

    return CONTEXT.sub(one_context, text), filled, missing


def check(path: Path) -> bool:
    root = ET.parse(path).getroot()
    total = done = unfinished = 0
    bad = []
    for ctx in root.iter("context"):
        for m in ctx.iter("message"):
            total += 1
            t = m.find("translation")
            if t.get("type") == "unfinished":
                unfinished += 1
                continue
            done += 1
            src, forms = m.findtext("source") or "", [t.text or ""] + [f.text or "" for f in t.iter("numerusform")]
            for tr in forms if m.get("numerus") != "yes" else forms[1:]:
                if sorted(set(PLACEHOLDER.findall(src))) != sorted(set(PLACEHOLDER.findall(tr))) or \
                        sorted(TAG.findall(src)) != sorted(TAG.findall(tr)):
                    bad.append(f"{ctx.findtext('name')}: {src!r} → {tr!r}")
    print(f"{path}: {total} messages, {done} translated, {unfinished} unfinished")
    for b in bad:
        print(f"  placeholder/markup differs: {b}")
    return unfinished == 0 and not bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ts", nargs="+", type=Path)
    ap.add_argument("--identity", action="store_true", help="translation = source (the source language's file)")
    ap.add_argument("--table", type=Path, help="a Python file defining EN = {source or (context, source): text}")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    if args.check:
        return 0 if all([check(p) for p in args.ts]) else 1
    if args.identity:
        def lookup(ctx: str, src: str, raw: str) -> str | None:
            return raw
    elif args.table:
        table = runpy.run_path(str(args.table))["EN"]

        def lookup(ctx: str, src: str, raw: str) -> str | None:
            tr = table.get((ctx, src), table.get(src))
            return None if tr is None else escape(tr)
    else:
        ap.error("one of --identity, --table, --check")
    status = 0
    for path in args.ts:
        text, filled, missing = fill(path.read_text(encoding="utf-8"), lookup)
        path.write_text(text, encoding="utf-8")
        print(f"{path}: {filled} filled, {len(missing)} without a translation")
        for m in missing:
            print(f"  missing: {m}")
        status |= bool(missing)
    return status


if __name__ == "__main__":
    sys.exit(main())
