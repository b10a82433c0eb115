"""Real SQLite files with a damaged data page, for the integrity tests (issue 13 #13)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from console.bench.store import event_stream
from console.domain.ingest import IngestBatch
from console.store import open_store

GARBAGE = b"\xde\xad\xbe\xef"


def fill(path: Path, events: int, batch: int = 500) -> None:
    """A store holding ``events`` events committed through the feed path (as the recorder does)."""
    stream = list(event_stream(events))
    with open_store(f"sqlite:///{path}") as store:
        for i in range(0, events, batch):
            chunk = stream[i : i + batch]
            store.commit_ingest(IngestBatch(last_seq=chunk[-1].seq or 0, events=chunk))
    # closing the last connection checkpoints the WAL into the file: every row is in the main file now
    assert not Path(f"{path}-wal").exists()


def events_leaf_pages(path: Path) -> list[int]:
    raw = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in raw.execute(
            "SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY pageno")]
    finally:
        raw.close()


def damage_page(path: Path, page: int) -> None:
    """Overwrite one whole page (1-based) with garbage, at its page boundary."""
    raw = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    size = raw.execute("PRAGMA page_size").fetchone()[0]
    raw.close()
    with path.open("r+b") as fh:
        fh.seek((page - 1) * size)
        fh.write(GARBAGE * (size // len(GARBAGE)))


def damaged_store(path: Path, events: int = 3_000, where: float = 0.25) -> int:
    """Fill a store, then damage the events leaf page at ``where`` (0 = oldest rows); returns that page."""
    fill(path, events)
    leaves = events_leaf_pages(path)
    page = leaves[int(len(leaves) * where)]
    damage_page(path, page)
    return page


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
