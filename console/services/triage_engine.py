"""The triage engine: the responsibility list in force, the classifier in use, and learning from the room.

- **List**: ``reload_list()`` validates the file; a bad file is refused with one line naming the
  file and line and the last good list stays (``list_error`` keeps the message). ``check_list()``
  reloads when the file changed (the app calls it on a timer).
- **Model**: ``start()`` loads the cached model of the active version from the data dir, or trains
  one; until it is ready ``predict`` returns None and the suggestion falls back to the keyword
  matcher. Training runs in a separate process (``spawn``): vectorising thousands of reports is
  Python work that would otherwise hold the GIL and stall the GUI thread for seconds; a worker
  thread waits for it and loads the result. Never on the GUI thread.
- **Learning**: ``record_dispatch`` stores a labelled example when the officer chose a department
  other than the suggested one; every ``retrain_every`` examples (or on ``retrain()``) a new model
  is trained in the background, measured on the held-out split, and becomes the active version only
  when its held-out top-1 is not worse than the current one's (by more than ``tolerance``).
  ``rollback()`` makes the previous version active again.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from console.domain.responsibility import (
    DEFAULT_LIST_PATH,
    ResponsibilityError,
    ResponsibilityList,
    load_list,
)
from console.services.triage_data import CORPUS_PATH, Corpus, Example, load_corpus, train_model
from console.services.triage_model import Prediction, TriageModel, fingerprint

log = logging.getLogger(__name__)


class TriageEngine:
    def __init__(self, *, records: Any = None, model_dir: Path | None = None,
                 list_path: Path = DEFAULT_LIST_PATH, corpus_path: Path = CORPUS_PATH,
                 departments: Iterable[str] | None = None, retrain_every: int = 20,
                 tolerance: float = 0.005, train_in_process: bool = True) -> None:
        self.records = records  # console.store.triage.TriageRecords or None (no learning)
        self.model_dir = model_dir
        self.list_path = Path(list_path)
        self.corpus_path = Path(corpus_path)
        self.departments = frozenset(departments) if departments is not None else None
        self.retrain_every = retrain_every
        self.tolerance = tolerance
        self.train_in_process = train_in_process
        self.list_error: str | None = None
        self._list_mtime = 0.0
        self.lst: ResponsibilityList = self._read_list()  # the first list must be good (raises)
        self.model: TriageModel | None = None
        self.version: int | None = None
        self._corpus: Corpus | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="triage-train")
        self._lock = threading.Lock()
        self._pending = 0
        self.listeners: list[Callable[[str], None]] = []  # called (from a worker thread) on model changes

    # ------------------------------------------------------------------ list
    def _read_list(self) -> ResponsibilityList:
        lst = load_list(self.list_path, departments=self.departments)
        try:
            self._list_mtime = self.list_path.stat().st_mtime
        except OSError:
            self._list_mtime = 0.0
        return lst

    def reload_list(self) -> str | None:
        """Re-read the list; None when it was taken, else the one-line error (the old list stays)."""
        try:
            lst = self._read_list()
        except ResponsibilityError as exc:
            self.list_error = str(exc)
            log.warning("responsibility list refused, keeping the last good one: %s", exc)
            return self.list_error
        self.list_error = None
        self.lst = lst
        model = self.model
        if model is not None:
            model.bind(lst)
        log.info("responsibility list reloaded: %d matters (%s)", len(lst), lst.digest)
        return None

    def check_list(self) -> str | None:
        """Reload when the file changed since the last read; returns the reload's answer or None."""
        try:
            mtime = self.list_path.stat().st_mtime
        except OSError:
            return None
        if mtime == self._list_mtime:
            return None
        self._list_mtime = mtime
        return self.reload_list() or ""

    # ------------------------------------------------------------------ model
    @property
    def ready(self) -> bool:
        return self.model is not None

    def corpus(self) -> Corpus:
        if self._corpus is None:
            self._corpus = load_corpus(self.corpus_path)
        return self._corpus

    def start(self) -> Future[Any]:
        """Load or train the active model on the worker thread."""
        return self._pool.submit(self._start)

    def _start(self) -> None:
        try:
            active = self.records.active() if self.records is not None else None
            n = active.n_examples if active is not None else 0
            model = self._load_or_train(n)
            if active is None and self.records is not None:
                h = model.info.get("heldout", {})
                self.version = self.records.add_model(
                    fingerprint=self._fingerprint(n), n_examples=n, top1=h.get("top1", 0.0), top3=h.get("top3", 0.0),
                    abstention=h.get("abstention", 0.0), threshold=model.threshold, activate=True, note="first start")
            else:
                self.version = active.version if active is not None else None
            self.model = model
            self._notify("ready")
        except Exception:
            log.exception("triage model could not be prepared; keyword suggestions stay in use")

    def _examples(self, n: int) -> list[Example]:
        if self.records is None or n <= 0:
            return []
        return [Example(r.text, r.matter) for r in self.records.examples(n)]

    def _fingerprint(self, n_examples: int) -> str:
        ex = self._examples(n_examples)
        return fingerprint(self.corpus().digest, self.lst.digest, [f"{e.matter}\t{e.text}" for e in ex])

    def _path(self, fp: str) -> Path | None:
        return self.model_dir / f"triage-{fp}.joblib" if self.model_dir is not None else None

    def _load_or_train(self, n_examples: int) -> TriageModel:
        fp = self._fingerprint(n_examples)
        path = self._path(fp)
        if path is not None and path.exists():
            try:
                model = TriageModel.loads(path.read_bytes(), self.lst)
                log.info("triage model loaded from %s", path)
                return model
            except Exception as exc:  # a damaged or old cache file: train again
                log.warning("triage model cache %s unusable (%s); training", path, exc)
        model, m = self._train(self._examples(n_examples))
        log.info("triage model trained in %.1f s: held-out %s", model.info.get("train_s", 0), m.as_dict())
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(model.dumps())
            tmp.replace(path)
        return model

    def _train(self, examples: Sequence[Example]) -> tuple[TriageModel, Any]:
        if not self.train_in_process:
            return train_model(self.lst, self.corpus(), examples)
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
            data, m = pool.submit(_train_in_child, self.lst, self.corpus_path, list(examples)).result()
        return TriageModel.loads(data, self.lst), m

    def predict(self, text: str) -> Prediction | None:
        model = self.model
        return model.predict(text) if model is not None else None

    # ------------------------------------------------------------------ learning
    def record_dispatch(self, *, text: str, department_ids: Iterable[str], category: str | None,
                        suggested: Prediction | None, event_id: str | None = None,
                        seat: str | None = None, officer: str | None = None) -> int | None:
        """Store a labelled example when the officer's department differs from the suggestion's.
        Returns the example id (None when nothing was stored)."""
        if self.records is None or suggested is None:
            return None
        chosen = [d for d in department_ids if d in self.lst.department_family]
        if not chosen or suggested.department_id in chosen:
            return None
        matter = self.matter_for(chosen[0], category, suggested)
        if matter is None:
            return None
        ex_id = self.records.add_example(text=text, matter=matter, department=chosen[0], event_id=event_id,
                                         suggested_matter=suggested.matter,
                                         suggested_department=suggested.department_id, seat=seat, officer=officer)
        with self._lock:
            self._pending += 1
            due = self._pending >= self.retrain_every
        if due:
            self.retrain()
        return ex_id

    def matter_for(self, dept_id: str, category: str | None, suggested: Prediction | None) -> str | None:
        """The matter an officer's choice implies: of that department, the one with the chosen
        category, else the one the model found most likely."""
        cands = self.lst.matters_of_department(dept_id)
        if not cands:
            return None
        same = [m for m in cands if m.category == category]
        pool = same or cands
        if suggested is not None:
            for alt in suggested.top3:
                if any(m.code == alt.matter for m in pool):
                    return alt.matter
        return pool[0].code

    def retrain(self) -> Future[Any]:
        """Train a new version with every stored example, on the worker thread."""
        with self._lock:
            self._pending = 0
        return self._pool.submit(self._retrain)

    def _retrain(self) -> int | None:
        if self.records is None:
            return None
        try:
            n = self.records.count_examples()
            model = self._load_or_train(n)
            h = model.info.get("heldout", {})
            current = self.records.active()
            ok = current is None or h.get("top1", 0.0) >= current.heldout_top1 - self.tolerance
            version = self.records.add_model(
                fingerprint=self._fingerprint(n), n_examples=n, top1=h.get("top1", 0.0), top3=h.get("top3", 0.0),
                abstention=h.get("abstention", 0.0), threshold=model.threshold, activate=ok,
                note=None if ok else f"held-out top-1 below version {current.version if current else '-'}")
            if ok:
                self.model, self.version = model, version
                self._notify("retrained")
            else:
                log.warning("triage model version %d rejected: held-out top-1 %.3f", version, h.get("top1", 0.0))
            return version
        except Exception:
            log.exception("triage retraining failed; the current model stays")
            return None

    def rollback(self, to_version: int | None = None) -> Future[Any]:
        return self._pool.submit(self._rollback, to_version)

    def _rollback(self, to_version: int | None) -> int | None:
        if self.records is None:
            return None
        row = self.records.rollback(to_version)
        if row is None:
            return None
        self.model = self._load_or_train(row.n_examples)
        self.version = row.version
        self._notify("rolled_back")
        return row.version

    def _notify(self, what: str) -> None:
        for fn in list(self.listeners):
            try:
                fn(what)
            except Exception:
                log.exception("triage listener failed")

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _train_in_child(lst: ResponsibilityList, corpus_path: Path, examples: list[Example]) -> tuple[bytes, Any]:
    """Runs in the training process: returns the model's bytes and its held-out metrics."""
    model, m = train_model(lst, load_corpus(corpus_path), examples)
    return model.dumps(), m
