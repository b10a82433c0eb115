"""Training data for the triage classifier: the shipped corpus, the list's synonyms, the room's examples.

``resources/triage/corpus.jsonl`` (tools/make_triage_corpus.py) carries a ``split``: the model
trains on the ``train`` rows, the list's synonyms (except the phrases the corpus holds out) and the
labelled examples the room made (an officer who dispatched differently from the suggestion); the
``heldout`` rows (unseen templates and phrases) check every model before it is used.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from console.domain.responsibility import RESOURCES, ResponsibilityList
from console.services.triage_model import Metrics, TriageModel, fingerprint

log = logging.getLogger(__name__)
CORPUS_PATH = RESOURCES / "triage" / "corpus.jsonl"
HANDWRITTEN_PATH = RESOURCES / "triage" / "eval_handwritten.jsonl"
ROOM_WEIGHT = 3.0  # an officer's correction counts as three generated rows


class LabelledFileError(ValueError):
    """A bad line in a labelled JSONL file: ``file:line: message``."""


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    matter: str
    family: str = ""
    split: str = "train"
    phrase: str = ""


@dataclass(slots=True)
class Corpus:
    train: list[Example]
    heldout: list[Example]
    heldout_phrases: frozenset[str]
    digest: str = ""

    @property
    def size(self) -> int:
        return len(self.train) + len(self.heldout)


def load_corpus(path: str | Path = CORPUS_PATH) -> Corpus:
    p = Path(path)
    raw = p.read_bytes()
    train: list[Example] = []
    held: list[Example] = []
    phrases: set[str] = set()
    for n, line in enumerate(raw.decode("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            ex = Example(str(obj["text"]), str(obj["matter"]), str(obj.get("family", "")),
                         str(obj.get("split", "train")), str(obj.get("phrase", "")))
        except (ValueError, KeyError, TypeError) as exc:
            raise LabelledFileError(f"{p}:{n}: not a corpus row ({exc})") from exc
        if ex.split == "heldout":
            held.append(ex)
            if ex.phrase:
                phrases.add(ex.phrase)
        else:
            train.append(ex)
    train_phrases = {e.phrase for e in train}
    return Corpus(train, held, frozenset(phrases - train_phrases), fingerprint(raw))


@dataclass(slots=True)
class TrainingSet:
    texts: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)

    def add(self, text: str, label: str, weight: float = 1.0) -> None:
        self.texts.append(text)
        self.labels.append(label)
        self.weights.append(weight)


def training_set(corpus: Corpus, lst: ResponsibilityList, room: Sequence[Example] = ()) -> TrainingSet:
    """Corpus train rows whose matter is still on the list, the list's synonyms and names (but
    not the phrases the corpus holds out), and the room's examples."""
    ts = TrainingSet()
    for e in corpus.train:
        if e.matter in lst.matters:
            ts.add(e.text, e.matter)
    for m in lst.matters.values():
        for s in (m.name, *m.synonyms):
            if s not in corpus.heldout_phrases:
                ts.add(s, m.code)
    for e in room:
        if e.matter in lst.matters:
            ts.add(e.text, e.matter, ROOM_WEIGHT)
    return ts


def heldout_eval(model: TriageModel, corpus: Corpus) -> Metrics:
    rows = [e for e in corpus.heldout if e.matter in model.lst.matters]
    return model.evaluate([e.text for e in rows], [model.lst.matters[e.matter].family for e in rows],
                          [e.matter for e in rows])


def train_model(lst: ResponsibilityList, corpus: Corpus, room: Sequence[Example] = ()) -> tuple[TriageModel, Metrics]:
    """Train, choose the abstention threshold on the held-out split, and measure it there."""
    ts = training_set(corpus, lst, room)
    model = TriageModel.train(ts.texts, ts.labels, lst, weights=ts.weights)
    rows = [e for e in corpus.heldout if e.matter in lst.matters]
    model.calibrate([e.text for e in rows], [e.matter for e in rows])
    model.choose_threshold([e.text for e in rows], [lst.matters[e.matter].family for e in rows])
    m = heldout_eval(model, corpus)
    model.info.update({"heldout": m.as_dict(), "threshold": model.threshold,
                       "temperature": round(model.temperature, 4), "room_examples": len(room),
                       "corpus": corpus.digest, "list": lst.digest})
    return model, m


@dataclass(frozen=True, slots=True)
class Labelled:
    text: str
    family: str | None  # resolved family id
    matter: str | None
    raw_label: str


def read_labelled(path: str | Path, lst: ResponsibilityList, department_names: dict[str, str] | None = None,
                  *, skipped: list[str] | None = None) -> list[Labelled]:
    """Rows of a labelled JSONL file: ``text`` and any of ``family`` / ``department`` / ``matter``
    (ids, names or aliases). A bad line raises :class:`LabelledFileError` naming file and line —
    except a label that names nothing known when ``skipped`` is given: that row is left out and
    its ``file:line: …`` message appended to ``skipped``."""
    p = Path(path)
    out: list[Labelled] = []
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelledFileError(f"{p}: cannot read ({exc})") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise LabelledFileError(f"{p}:{n}: not JSON ({exc.args[0]})") from exc
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
            raise LabelledFileError(f"{p}:{n}: text: missing or empty")
        family = None
        raw = ""
        for key in ("family", "department", "matter", "category"):
            val = obj.get(key)
            if isinstance(val, str) and val.strip():
                raw = raw or val
                family = family or lst.resolve_family(val, department_names=department_names)
        matter = obj.get("matter") if isinstance(obj.get("matter"), str) and obj.get("matter") in lst.matters else None
        if family is None:
            msg = f"{p}:{n}: family/department/matter: no known label ({raw or 'none given'})"
            if skipped is None or not raw:
                raise LabelledFileError(msg)
            skipped.append(msg)
            continue
        out.append(Labelled(obj["text"], family, matter, raw))
    return out
