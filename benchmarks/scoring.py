"""Match predicted goal records against gold records, the way ``../shared/tools/score.py`` does.

Records are plain JSON dicts: gold lines from ``corpora/gold/<name>.goals.jsonl`` and predictions
from ``Goal.model_dump(mode="json")``. The rules (fixed by the official scorer):

* A prediction matches a gold record when their spans overlap (``[start, end)``), the canonical
  units are equal (a missing unit counts as ``""``) and the values agree within a relative
  tolerance of 1e-6 (``value``; for a gold range, ``low`` and ``high``).
* Matching is one-to-one, in document order: each gold record, in turn, takes the first prediction
  not yet taken that matches it.
* A gold record marked ``"optional": true`` is neither a miss when unmatched nor a source of a
  false positive when matched: the prediction it takes is dropped from the prediction count.
* Among matched (non-optional) pairs, an attribute is compared only when the gold record has the
  field: ``indicator`` agrees when the character-level F1 is >= 0.6; ``section`` agrees when the
  gold title, stripped, is contained in the innermost predicted title, stripped (punctuation
  removed, then up to three leading outline-number characters); the other attributes agree when
  equal, with empty values counted as null.

Nothing here imports govextract, so the matching can be tested on hand-made records.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

__all__ = [
    "ATTRIBUTES",
    "INDICATOR_F1_THRESHOLD",
    "METRICS",
    "QUANTITY_METRICS",
    "REL_TOL",
    "DocScore",
    "attribute_agrees",
    "char_f1",
    "combine",
    "same_quantity",
    "score_document",
    "spans_overlap",
    "strip_title",
    "values_agree",
]

Record = Mapping[str, Any]

#: Attributes compared on matched pairs, in report order.
ATTRIBUTES: tuple[str, ...] = (
    "indicator",
    "action",
    "change",
    "qualifier",
    "modality",
    "status",
    "year",
    "section",
)
#: Quantity detection metrics.
QUANTITY_METRICS: tuple[str, ...] = ("precision", "recall", "f1")
#: Every gated metric: the names used in ``baseline.json``.
METRICS: tuple[str, ...] = QUANTITY_METRICS + ATTRIBUTES

REL_TOL = 1e-6
INDICATOR_F1_THRESHOLD = 0.6

# Characters dropped from section titles before comparing them.
_TITLE_PUNCTUATION = frozenset(" \t\u3000,，。.;；:：!！?？、“”\"'‘’()（）《》[]【】-—")
# Characters of an outline number left at the head of a title once its brackets are gone.
_OUTLINE_DIGITS = frozenset("一二三四五六七八九十0123456789")
_MAX_OUTLINE_DIGITS = 3


def spans_overlap(a: Sequence[int] | None, b: Sequence[int] | None) -> bool:
    """Whether two ``[start, end)`` spans share at least one character."""
    if not a or not b or len(a) < 2 or len(b) < 2:
        return False
    return a[0] < b[1] and b[0] < a[1]


def values_agree(x: Any, y: Any, rel_tol: float = REL_TOL) -> bool:
    """Two numbers agree within ``rel_tol`` of the larger magnitude (at least 1); two nulls agree."""
    if x is None or y is None:
        return x is None and y is None
    return math.isclose(float(x), float(y), rel_tol=rel_tol, abs_tol=rel_tol)


def same_quantity(gold: Record, pred: Record) -> bool:
    """Whether ``pred`` is the quantity annotated by ``gold``: overlapping span, same unit, same value."""
    if not spans_overlap(gold.get("span"), pred.get("span")):
        return False
    if (gold.get("unit") or "") != (pred.get("unit") or ""):
        return False
    if gold.get("value") is not None:
        return values_agree(gold["value"], pred.get("value"))
    return values_agree(gold.get("low"), pred.get("low")) and values_agree(gold.get("high"), pred.get("high"))


def char_f1(gold: str | None, pred: str | None) -> float:
    """Character-level F1 of two strings, counting characters as a multiset (two empties score 1)."""
    gold, pred = gold or "", pred or ""
    if not gold or not pred:
        return 1.0 if gold == pred else 0.0
    common = sum((Counter(gold) & Counter(pred)).values())
    if not common:
        return 0.0
    precision, recall = common / len(pred), common / len(gold)
    return 2 * precision * recall / (precision + recall)


def strip_title(title: str | None) -> str:
    """A section title without punctuation and without a leading outline number (``（六）`` → ``六`` → gone).

    At most three outline characters are removed, and never the whole title.
    """
    kept = "".join(ch for ch in (title or "") if ch not in _TITLE_PUNCTUATION)
    head = 0
    while head < min(len(kept), _MAX_OUTLINE_DIGITS) and kept[head] in _OUTLINE_DIGITS:
        head += 1
    return kept[head:] if 0 < head < len(kept) else kept


def _innermost_title(section: Any) -> str:
    if isinstance(section, str):
        return section
    if isinstance(section, (list, tuple)) and section:
        return section[-1] or ""
    return ""


def attribute_agrees(name: str, gold: Record, pred: Record) -> bool:
    """Whether a matched prediction agrees with gold on one attribute."""
    if name == "indicator":
        return char_f1(gold.get("indicator"), pred.get("indicator")) >= INDICATOR_F1_THRESHOLD
    if name == "section":
        wanted = strip_title(gold.get("section"))
        return bool(wanted) and wanted in strip_title(_innermost_title(pred.get("section")))
    return (gold.get(name) or None) == (pred.get(name) or None)


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


@dataclass
class DocScore:
    """The outcome of matching one document (or the sum of several)."""

    name: str
    gold: int = 0
    """Non-optional gold records."""
    pred: int = 0
    """Predictions, less those that matched an optional gold record."""
    matched: int = 0
    """Predictions matched to non-optional gold records (true positives)."""
    optional_matched: int = 0
    pairs: list[tuple[Record, Record]] = field(default_factory=list)
    missed: list[Record] = field(default_factory=list)
    extras: list[Record] = field(default_factory=list)
    agree: Counter[str] = field(default_factory=Counter)
    seen: Counter[str] = field(default_factory=Counter)
    error: str | None = None
    """Why predictions could not be made for this document, if they could not."""

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.pred)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def attribute_rate(self, name: str) -> float | None:
        """Share of matched pairs that agree on ``name``; None when no pair had it in gold."""
        return self.agree[name] / self.seen[name] if self.seen[name] else None

    def disagreements(self) -> list[tuple[Record, Record, list[str]]]:
        """Matched pairs with the attributes on which they disagree (pairs that fully agree omitted)."""
        out = []
        for g, p in self.pairs:
            bad = [name for name in ATTRIBUTES if name in g and not attribute_agrees(name, g, p)]
            if bad:
                out.append((g, p, bad))
        return out

    def metrics(self) -> dict[str, float | None]:
        """Every metric of :data:`METRICS` by name."""
        values: dict[str, float | None] = {"precision": self.precision, "recall": self.recall, "f1": self.f1}
        for name in ATTRIBUTES:
            values[name] = self.attribute_rate(name)
        return values


def score_document(gold: Iterable[Record], pred: Iterable[Record], name: str = "") -> DocScore:
    """Match one document's predictions against its gold records."""
    gold, pred = list(gold), list(pred)
    score = DocScore(name=name)
    taken: set[int] = set()
    for g in gold:
        optional = bool(g.get("optional"))
        hit = next((j for j, p in enumerate(pred) if j not in taken and same_quantity(g, p)), None)
        if hit is None:
            if not optional:
                score.missed.append(g)
            continue
        taken.add(hit)
        if optional:
            score.optional_matched += 1
        else:
            score.pairs.append((g, pred[hit]))
    score.gold = sum(1 for g in gold if not g.get("optional"))
    score.matched = len(score.pairs)
    score.pred = len(pred) - score.optional_matched
    score.extras = [p for j, p in enumerate(pred) if j not in taken]
    for g, p in score.pairs:
        for attr in ATTRIBUTES:
            if attr in g:
                score.seen[attr] += 1
                score.agree[attr] += attribute_agrees(attr, g, p)
    return score


def combine(scores: Iterable[DocScore], name: str = "TOTAL") -> DocScore:
    """Micro-averaged totals: counts and attribute tallies summed over documents."""
    total = DocScore(name=name)
    for s in scores:
        total.gold += s.gold
        total.pred += s.pred
        total.matched += s.matched
        total.optional_matched += s.optional_matched
        total.pairs.extend(s.pairs)
        total.missed.extend(s.missed)
        total.extras.extend(s.extras)
        total.agree.update(s.agree)
        total.seen.update(s.seen)
    return total
