"""Shared helpers for the triage tests: a small corpus for fast training, the full model trained once."""

from __future__ import annotations

import functools
import json
import shutil
from collections import defaultdict
from pathlib import Path

from console.domain.responsibility import load_list
from console.services.triage_data import CORPUS_PATH, load_corpus, train_model
from console.services.triage_engine import TriageEngine
from console.services.triage_model import fingerprint


def small_corpus(dest: Path, per_matter: int = 8, held_per_matter: int = 3) -> Path:
    """The first rows of each matter from the shipped corpus (train and held-out): trains in ~2 s."""
    take: dict[tuple[str, str], int] = defaultdict(int)
    out = []
    for line in CORPUS_PATH.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        key = (row["matter"], row["split"])
        limit = per_matter if row["split"] == "train" else held_per_matter
        if take[key] < limit:
            take[key] += 1
            out.append(line)
    path = dest / "corpus.jsonl"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


@functools.cache
def full_model():
    """The model the console ships with (trained once per test session): (model, held-out metrics)."""
    return train_model(load_list(), load_corpus())


def install_full_model(model_dir: Path) -> None:
    """Put the full model where a fresh engine looks for its cache (no room examples yet)."""
    model, _ = full_model()
    lst = load_list()
    fp = fingerprint(load_corpus().digest, lst.digest, [])
    model_dir.mkdir(parents=True, exist_ok=True)
    (model_dir / f"triage-{fp}.joblib").write_bytes(model.dumps())


def copy_list(dest: Path) -> Path:
    from console.domain.responsibility import DEFAULT_LIST_PATH

    path = dest / "responsibility.toml"
    shutil.copy(DEFAULT_LIST_PATH, path)
    return path


def engine_for(tmp_path: Path, records=None, **kw) -> TriageEngine:
    """An engine on a small corpus, training in this process (tests/services/test_triage_learning.py
    checks the separate training process once)."""
    kw.setdefault("train_in_process", False)
    return TriageEngine(records=records, model_dir=tmp_path / "models", corpus_path=small_corpus(tmp_path), **kw)
