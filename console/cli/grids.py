"""`main.py import-grids FILE.geojson [--db URL] [--dry-run]`: validate grid boundaries, then store them.

Nothing is written unless the whole file is valid (see :mod:`console.domain.grid_import`). The
grids replace the stored ones; members, departments and cameras are kept — members whose grid no
longer exists are dropped (and counted), cameras lose a grid id that no longer exists.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import replace


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import-grids", help="validate a GeoJSON FeatureCollection of grids and store it")
    p.add_argument("file", metavar="FILE.geojson", help="FeatureCollection with id, name, level, parent_id, kind")
    p.add_argument("--db", default=None, help="database URL (default: the console's SQLite database)")
    p.add_argument("--dry-run", action="store_true", help="validate and summarise only; store nothing")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from console.domain.grid_import import GridImportError, load_grids  # shapely: only for this command

    try:
        grids = load_grids(args.file)
    except GridImportError as exc:
        for issue in exc.issues:  # one line each, naming the file, the feature and the property
            print(f"{args.file}: {issue}", file=sys.stderr)
        print(f"import-grids: {len(exc.issues)} error(s) in {args.file}; nothing imported", file=sys.stderr)
        return 2
    levels = Counter(g.level for g in grids)
    kinds = Counter(g.kind.value for g in grids)
    summary = ", ".join(f"level {lvl}: {n}" for lvl, n in sorted(levels.items()))
    print(f"{args.file}: {len(grids)} valid grids ({summary}; kinds: {dict(kinds)})")
    if args.dry_run:
        print("dry run: nothing stored")
        return 0
    from sqlalchemy.exc import SQLAlchemyError

    from console.store import open_store
    from console.store.errors import StoreError

    try:
        store = open_store(args.db)
    except StoreError as exc:
        print(f"cannot open the database: {exc}", file=sys.stderr)
        return 2
    try:
        _, members, departments, cameras = store.district.load()
        ids = {g.id for g in grids}
        kept = [m for m in members if m.grid_id in ids]
        cams = [c if c.grid_id is None or c.grid_id in ids else replace(c, grid_id=None) for c in cameras]
        store.district.replace_all(grids, kept, departments, cams)  # one transaction: all or nothing
    except (StoreError, SQLAlchemyError) as exc:
        detail = getattr(exc, "orig", None) or exc
        print(f"import-grids: {args.file}: the database refused the grids ({store.label}: "
              f"{str(detail).splitlines()[0]}); nothing imported", file=sys.stderr)
        return 2
    finally:
        store.close()
    dropped = len(members) - len(kept)
    extra = f"; {dropped} member(s) of removed grids dropped" if dropped else ""
    print(f"stored {len(grids)} grids in {store.label}{extra}")
    return 0
