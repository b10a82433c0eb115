"""Triage classifier figures, measured the same way everywhere (family top-1 among non-abstained,
top-3, abstention):

    PYTHONPATH=. python tools/triage_report.py [--json]

- random split: the whole corpus shuffled (seed 17), 80 % train / 20 % test — phrasings and
  templates seen in training also occur in the test part, so this is the optimistic figure;
- template/phrase-held-out split: the corpus's own ``split`` (unseen templates and unseen
  phrases) — the split every retrained model is checked on;
- hand-written (development): resources/triage/eval_handwritten.jsonl — its misses informed the
  list's synonyms during development, so it is not independent;
- hand-written (fresh): resources/triage/eval_handwritten_fresh.jsonl — written afterwards and
  never used to tune anything.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from console.domain.responsibility import load_list  # noqa: E402
from console.services.triage_data import (  # noqa: E402
    HANDWRITTEN_PATH,
    Corpus,
    load_corpus,
    read_labelled,
    train_model,
)

FRESH_PATH = ROOT / "resources" / "triage" / "eval_handwritten_fresh.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="triage classifier figures")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    lst = load_list()
    corpus = load_corpus()
    out: dict[str, dict] = {}
    rows = corpus.train + corpus.heldout
    random.Random(17).shuffle(rows)
    cut = int(len(rows) * 0.8)
    rnd = Corpus([r for r in rows[:cut]], [r for r in rows[cut:]], frozenset(), corpus.digest)
    _, m = train_model(lst, rnd)
    out["random_split"] = m.as_dict()
    model, m = train_model(lst, corpus)
    out["heldout_split"] = m.as_dict()
    for name, path in (("handwritten_dev", HANDWRITTEN_PATH), ("handwritten_fresh", FRESH_PATH)):
        lab = read_labelled(path, lst)
        out[name] = model.evaluate([r.text for r in lab], [r.family or "" for r in lab]).as_dict()
    out["model"] = {"threshold": model.threshold, "temperature": round(model.temperature, 4),
                    "train_s": model.info.get("train_s"), "features": model.info.get("features")}
    if args.json:
        print(json.dumps(out, ensure_ascii=False))  # noqa: T201
    else:
        for k, v in out.items():
            print(f"{k:18} {v}")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
