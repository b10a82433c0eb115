"""Triage classifier benchmarks: ``python main.py bench --only triage --json``.

- ``triage_train_s`` (bar ≤ 30): train the classifier on the shipped corpus and the list (TF-IDF,
  LinearSVC, temperature and threshold on the held-out split) — the median of runs.
- ``triage_suggest_p99_ms`` (bar ≤ 20): one suggestion (vectorise, score, family sums, reason
  phrases) for each of the hand-written evaluation reports, one at a time — p99 over all calls.
  ``triage_suggest_p50_ms`` likewise.
- ``triage_heldout_top1`` / ``_top3`` / ``_abstain``: the template/phrase-held-out split of the
  corpus (family top-1 among non-abstained, top-3, abstention share).
- ``triage_handwritten_top1`` / ``_top3`` / ``_abstain``: resources/triage/eval_handwritten.jsonl
  (development set); ``triage_fresh_*``: eval_handwritten_fresh.jsonl (written afterwards).
- ``triage_calibration_loop_1m_ms``: a plain 1M-iteration Python loop (how busy the machine was).
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from console.domain.responsibility import load_list
from console.services.triage_data import HANDWRITTEN_PATH, load_corpus, read_labelled, train_model


def _calibration() -> float:
    t0 = time.perf_counter()
    x = 0
    for i in range(1_000_000):
        x += i
    return (time.perf_counter() - t0) * 1000


def figures(quick: bool = False) -> dict[str, float]:
    lst = load_list()
    corpus = load_corpus()
    train_s = []
    model = None
    held = None
    for _ in range(1 if quick else 3):
        t0 = time.perf_counter()
        model, held = train_model(lst, corpus)
        train_s.append(time.perf_counter() - t0)
    assert model is not None
    assert held is not None
    rows = read_labelled(HANDWRITTEN_PATH, lst)
    texts = [r.text for r in rows]
    for t in texts[:20]:  # warm-up
        model.predict(t)
    lat = []
    for _ in range(1 if quick else 5):
        for t in texts:
            t0 = time.perf_counter()
            model.predict(t)
            lat.append((time.perf_counter() - t0) * 1000)
    hand = model.evaluate(texts, [r.family or "" for r in rows])
    fresh_rows = read_labelled(HANDWRITTEN_PATH.with_name("eval_handwritten_fresh.jsonl"), lst)
    fresh = model.evaluate([r.text for r in fresh_rows], [r.family or "" for r in fresh_rows])
    return {
        "triage_train_s": round(statistics.median(train_s), 2),
        "triage_suggest_p99_ms": round(float(np.percentile(lat, 99)), 2),
        "triage_suggest_p50_ms": round(float(np.percentile(lat, 50)), 2),
        "triage_heldout_top1": round(held.top1, 4),
        "triage_heldout_top3": round(held.top3, 4),
        "triage_heldout_abstain": round(held.abstention, 4),
        "triage_handwritten_top1": round(hand.top1, 4),
        "triage_handwritten_top3": round(hand.top3, 4),
        "triage_handwritten_abstain": round(hand.abstention, 4),
        "triage_fresh_top1": round(fresh.top1, 4),
        "triage_fresh_top3": round(fresh.top3, 4),
        "triage_fresh_abstain": round(fresh.abstention, 4),
        "triage_corpus_rows": float(corpus.size),
        "triage_matters": float(len(lst)),
        "triage_calibration_loop_1m_ms": round(_calibration(), 1),
    }
