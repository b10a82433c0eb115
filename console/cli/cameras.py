"""`python main.py import-cameras FILE [--db URL]`: validate a camera file and store it (issue 6).

CSV (header: id,name,lat,lon,grid_id,heading_deg,fov_deg,main_url,sub_url,tags; tags separated by
``;``) or JSON (a list of objects with the same keys, or ``{"cameras": [...]}``). Every bad row is
reported with its line and field; nothing is stored unless the whole file is valid. Cameras are
upserted by id. A text field (id, name, grid_id, URL, tag) starting with = + - @ is refused: a
spreadsheet opening the registry would run it as a formula (CSV injection).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import-cameras",
        help="import cameras from a CSV or JSON file (validated; nothing stored when invalid)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", type=Path, metavar="FILE", help="cameras.csv or cameras.json")
    p.add_argument("--db", default=None, metavar="URL", help="database URL (default: the console's SQLite file)")
    p.add_argument("--check", action="store_true", help="validate only, store nothing")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path: Path = args.file
    if not path.is_file():
        print(f"import-cameras: {path}: no such file", file=sys.stderr)  # noqa: T201
        return 2
    from console.domain.cameras import CameraImportError, load_cameras_file

    try:
        cameras = load_cameras_file(path)
    except CameraImportError as exc:
        for issue in exc.issues:
            print(f"{path}:{issue.line}: {issue.field or '-'}: {issue.message}", file=sys.stderr)  # noqa: T201
        print(f"import-cameras: {len(exc.issues)} problem(s); nothing stored", file=sys.stderr)  # noqa: T201
        return 1
    if args.check:
        print(f"{len(cameras)} camera(s) valid; nothing stored (--check)")  # noqa: T201
        return 0
    from sqlalchemy.exc import SQLAlchemyError

    from console.store import StoreError, open_store

    try:
        store = open_store(args.db)
    except StoreError as exc:
        print(f"import-cameras: {exc}", file=sys.stderr)  # noqa: T201
        return 1
    try:
        store.district.upsert_cameras(cameras)  # one transaction: all or nothing
    except (StoreError, SQLAlchemyError) as exc:
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        print(f"import-cameras: {path}: the database refused the cameras ({store.label}: {detail}); "  # noqa: T201
              "nothing stored", file=sys.stderr)
        return 1
    print(f"imported {len(cameras)} camera(s) from {path}")  # noqa: T201
    return 0
