#!/usr/bin/env python3
"""Accuracy of govextract on the project's gold set, with a gate against pinned floors.

Every ``corpora/gold/<name>.goals.jsonl`` is scored against ``govextract.parse_report`` run
in-process on ``corpora/reports/<name>.txt``, with the matching of ``../shared/tools/score.py``
(implemented in ``benchmarks/scoring.py``). Printed: a table with one row per document and a
TOTAL row (micro-averaged): quantity precision / recall / F1 and, over matched pairs, the share
that agree on indicator, action, change, qualifier, modality, status, year and section.

usage:
  python benchmarks/accuracy.py                     table per document and totals
  python benchmarks/accuracy.py --verbose           ... plus misses, extras, attribute disagreements
  python benchmarks/accuracy.py --json              the same as one JSON object
  python benchmarks/accuracy.py --gate              exit 1 if a total is below its floor (or a document failed)
  python benchmarks/accuracy.py --update-baseline [--allow-drop]
                                                    pin the current totals as the floors

baseline.json (next to this file)
---------------------------------
One JSON object::

    {
      "floors": {"precision": 0.0, "recall": 0.0, "f1": 0.0,
                 "indicator": 0.0, "action": 0.0, "change": 0.0, "qualifier": 0.0,
                 "modality": 0.0, "status": 0.0, "year": 0.0, "section": 0.0},
      "note": "free text, ignored"
    }

``floors`` maps every metric of ``scoring.METRICS`` to the lowest acceptable TOTAL value, a
number in [0, 1]. All of them must be present and no other key is allowed (a typo fails loudly).
Other top-level keys are ignored. ``--update-baseline`` writes the current totals rounded *down*
to 3 decimals, so the run that pinned them passes; it refuses to lower any existing floor (and
names the ones that would drop) unless ``--allow-drop`` is given. An attribute with no matched
pair to compare counts as 0.0.

The gate also fails when ``parse_report`` raises on a gold document: that document is scored as
having no predictions, and the failure is listed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Any, Callable, Sequence

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # score the working tree, not some installed copy

from benchmarks.scoring import ATTRIBUTES, METRICS, DocScore, combine, score_document  # noqa: E402

GOLD_DIR = REPO / "corpora" / "gold"
REPORTS_DIR = REPO / "corpora" / "reports"
BASELINE = Path(__file__).resolve().parent / "baseline.json"
GOLD_SUFFIX = ".goals.jsonl"

Predictor = Callable[[Path], list[dict[str, Any]]]


class BaselineError(ValueError):
    """baseline.json is missing, malformed or names unknown metrics."""


@dataclass
class Run:
    """The scores of one evaluation run."""

    documents: list[DocScore]
    total: DocScore
    seconds: float

    def totals(self) -> dict[str, float]:
        """TOTAL metrics, with an attribute that could not be measured counted as 0.0."""
        return {name: (value if value is not None else 0.0) for name, value in self.total.metrics().items()}

    @property
    def errors(self) -> list[DocScore]:
        return [d for d in self.documents if d.error]


# --------------------------------------------------------------------------- evaluation


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Gold records of one document, one JSON object a line."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def gold_documents(gold_dir: Path = GOLD_DIR, reports_dir: Path = REPORTS_DIR) -> list[tuple[str, Path, Path]]:
    """``(name, gold file, report text)`` for every gold file, sorted by name; a missing text raises."""
    docs = []
    for gold in sorted(gold_dir.glob("*" + GOLD_SUFFIX)):
        name = gold.name[: -len(GOLD_SUFFIX)]
        text = reports_dir / (name + ".txt")
        if not text.is_file():
            raise FileNotFoundError(f"gold file {gold.name} has no report text {text}")
        docs.append((name, gold, text))
    if not docs:
        raise FileNotFoundError(f"no *{GOLD_SUFFIX} files in {gold_dir}")
    return docs


def govextract_predictor() -> Predictor:
    """``parse_report(path).goals`` as JSON dicts. Fails at once if govextract cannot provide it."""
    import govextract

    parse_report = getattr(govextract, "parse_report", None)
    if parse_report is None:
        raise ImportError("govextract.parse_report is not available (govextract/__init__.py does not export it)")

    def predict(path: Path) -> list[dict[str, Any]]:
        report = parse_report(path)
        return [goal.model_dump(mode="json") for goal in report.goals]

    return predict


def evaluate(predict: Predictor | None = None, gold_dir: Path = GOLD_DIR, reports_dir: Path = REPORTS_DIR) -> Run:
    """Score every gold document; a document whose prediction raises is scored with no predictions."""
    predict = predict or govextract_predictor()
    started = time.perf_counter()
    scores = []
    for name, gold_path, text_path in gold_documents(gold_dir, reports_dir):
        gold = load_gold(gold_path)
        error = None
        try:
            pred = predict(text_path)
        except Exception as exc:  # one broken document must not hide the others' scores
            pred, error = [], f"{type(exc).__name__}: {exc}"
        score = score_document(gold, pred, name=name)
        score.error = error
        scores.append(score)
    return Run(documents=scores, total=combine(scores), seconds=time.perf_counter() - started)


# --------------------------------------------------------------------------- baseline and gate


def floor3(value: float) -> float:
    """``value`` rounded down to 3 decimals (0.9876 → 0.987), exact for values printed as such."""
    return float(Decimal(repr(float(value))).quantize(Decimal("0.001"), rounding=ROUND_FLOOR))


def load_floors(path: Path = BASELINE) -> dict[str, float]:
    """The floors of baseline.json, validated: every metric present, nothing else, each in [0, 1]."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise BaselineError(f"cannot read {path}: {exc}") from exc
    floors = data.get("floors") if isinstance(data, dict) else None
    if not isinstance(floors, dict):
        raise BaselineError(f'{path}: expected an object with a "floors" object')
    unknown = sorted(set(floors) - set(METRICS))
    missing = [m for m in METRICS if m not in floors]
    if unknown or missing:
        raise BaselineError(f"{path}: unknown metrics {unknown}, missing metrics {missing}")
    for name, value in floors.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
            raise BaselineError(f"{path}: floor of {name!r} must be a number in [0, 1], got {value!r}")
    return {m: float(floors[m]) for m in METRICS}


def below_floor(totals: dict[str, float], floors: dict[str, float]) -> list[tuple[str, float, float]]:
    """``(metric, value, floor)`` for every total below its floor."""
    return [(m, totals[m], floors[m]) for m in METRICS if totals[m] < floors[m]]


def gate(run: Run, floors: dict[str, float]) -> list[str]:
    """Reasons the gate fails (empty when it passes)."""
    reasons = [f"{m} = {value:.4f} is below its floor {floor:.3f}" for m, value, floor in below_floor(run.totals(), floors)]
    reasons += [f"{d.name}: parse_report failed: {d.error}" for d in run.errors]
    return reasons


def new_floors(totals: dict[str, float]) -> dict[str, float]:
    return {m: floor3(totals[m]) for m in METRICS}


def update_baseline(run: Run, path: Path = BASELINE, allow_drop: bool = False) -> tuple[bool, list[str]]:
    """Write the current totals as floors. Returns (written, messages)."""
    proposed = new_floors(run.totals())
    # no file yet: nothing can drop; a malformed file raises rather than being silently replaced
    old = load_floors(path) if path.exists() else None
    drops = [m for m in METRICS if old is not None and proposed[m] < old[m]]
    if drops and not allow_drop:
        messages = [f"{m} would drop: {old[m]:.3f} -> {proposed[m]:.3f}" for m in drops if old is not None]
        return False, messages + ["refusing to lower floors; pass --allow-drop to accept"]
    if run.errors:
        return False, [f"{d.name}: parse_report failed: {d.error}" for d in run.errors] + [
            "refusing to pin floors from a run where documents failed"
        ]
    data: dict[str, Any] = {}
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
    data["floors"] = proposed
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    changed = [
        f"{m}: {old[m] if old else 0.0:.3f} -> {proposed[m]:.3f}" + (" (DROPPED, --allow-drop)" if m in drops else "")
        for m in METRICS
        if old is None or proposed[m] != old[m]
    ]
    return True, changed or ["floors unchanged"]


# --------------------------------------------------------------------------- output


_SHORT = {
    "indicator": "ind",
    "action": "act",
    "change": "chg",
    "qualifier": "qual",
    "modality": "mod",
    "status": "stat",
    "year": "year",
    "section": "sec",
}


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - _width(s))
    return fill + s if right else s + fill


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def table(run: Run) -> str:
    head = ["document", "gold", "pred", "match", "P", "R", "F1"] + [_SHORT[a] for a in ATTRIBUTES]
    rows = []
    for d in [*run.documents, run.total]:
        m = d.metrics()
        name = d.name + (" !" if d.error else "")
        rows.append([name, str(d.gold), str(d.pred), str(d.matched)] + [_fmt(m[k]) for k in ("precision", "recall", "f1", *ATTRIBUTES)])
    widths = [max(_width(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(_pad(c, widths[i], right=i > 0) for i, c in enumerate(cells))

    rule = "-" * _width(line(head))
    out = [line(head), rule] + [line(r) for r in rows[:-1]] + [rule, line(rows[-1])]
    return "\n".join(out)


def details(d: DocScore) -> list[str]:
    out = [f"== {d.name}"]
    if d.error:
        out.append(f"   ERROR {d.error}")
    for g in d.missed:
        out.append(f"   miss  {g.get('text')!r} @{g.get('span')} {g.get('indicator')}")
    for p in d.extras:
        out.append(f"   extra {p.get('text')!r} @{p.get('span')} {p.get('indicator')}")
    for g, p, bad in d.disagreements():
        diffs = "; ".join(f"{k}: gold={g.get(k)!r} got={p.get(k)!r}" for k in bad)
        out.append(f"   attr  {g.get('text')!r} @{g.get('span')}: {diffs}")
    return out


def as_json(run: Run) -> dict[str, Any]:
    def one(d: DocScore) -> dict[str, Any]:
        return {
            "name": d.name,
            "gold": d.gold,
            "pred": d.pred,
            "matched": d.matched,
            "optional_matched": d.optional_matched,
            "error": d.error,
            **{k: (round(v, 4) if v is not None else None) for k, v in d.metrics().items()},
        }

    return {"documents": [one(d) for d in run.documents], "total": one(run.total), "seconds": round(run.seconds, 2)}


# --------------------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--verbose", action="store_true", help="list misses, extras and attribute disagreements")
    ap.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    ap.add_argument("--gate", action="store_true", help="exit 1 if any total is below its floor in baseline.json")
    ap.add_argument("--update-baseline", action="store_true", help="write the current totals as the floors")
    ap.add_argument("--allow-drop", action="store_true", help="with --update-baseline: allow lowering floors")
    ap.add_argument("--baseline", type=Path, default=BASELINE, help="floors file (default: %(default)s)")
    a = ap.parse_args(argv)
    if a.allow_drop and not a.update_baseline:
        ap.error("--allow-drop only goes with --update-baseline")

    try:  # a broken baseline fails before the run
        floors = load_floors(a.baseline) if a.gate else None
        if a.update_baseline and a.baseline.exists():
            load_floors(a.baseline)
    except BaselineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    run = evaluate()

    if a.json:
        result = as_json(run)
        if floors is not None:
            result["gate"] = {"floors": floors, "failures": gate(run, floors)}
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(table(run))
        if a.verbose:
            for d in run.documents:
                print("\n".join(details(d)))
        t = run.totals()
        print(
            f"quantity P={t['precision']:.3f} R={t['recall']:.3f} F1={t['f1']:.3f} | "
            + " ".join(f"{k}={t[k]:.2f}" for k in ATTRIBUTES)
            + f" | {len(run.documents)} documents in {run.seconds:.1f} s"
        )

    status = 0
    if floors is not None:
        failures = gate(run, floors)
        for reason in failures:
            print(f"GATE FAIL: {reason}", file=sys.stderr)
        if failures:
            status = 1
        else:
            print("gate passed: every total is at or above its floor", file=sys.stderr)
    if a.update_baseline:
        written, messages = update_baseline(run, a.baseline, allow_drop=a.allow_drop)
        for msg in messages:
            print(("baseline: " if written else "baseline NOT written: ") + msg, file=sys.stderr)
        if not written:
            status = 1
        else:
            print(f"baseline written to {a.baseline}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
