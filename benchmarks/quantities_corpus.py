#!/usr/bin/env python3
"""Robustness of ``govextract.find_quantities`` over the whole shared corpus.

Runs ``find_quantities`` on every report listed in ``../shared/corpora/manifest.csv`` (2,931
reports; relative to the repo root) and checks two invariants of the output contract:

* it never raises: an exception (or an unreadable file) is caught and counted per report;
* every span slices the input exactly: ``text[start:end] == q.text`` with ``0 <= start < end <= len(text)``.

Prints the number of reports, quantities, failures, span violations, the time spent inside
``find_quantities`` and the resulting characters per second; lists the first failures and
violations. Exit status 1 on any failure or violation.

usage:
  python benchmarks/quantities_corpus.py [--corpus DIR] [--limit N] [--show 20] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # check the working tree, not some installed copy

CORPUS = REPO / ".." / "shared" / "corpora"


@dataclass
class Tally:
    reports: int = 0
    chars: int = 0
    quantities: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)


def report_paths(corpus: Path) -> list[Path]:
    """The reports listed in ``manifest.csv`` (column ``file``), in manifest order."""
    with (corpus / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        return [corpus / row["file"] for row in csv.DictReader(fh)]


def check(paths: list[Path], show_trace: bool = False) -> Tally:
    from govextract import find_quantities

    tally = Tally()
    for path in paths:
        tally.reports += 1
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            tally.failures.append(f"{path}: unreadable: {type(exc).__name__}: {exc}")
            continue
        tally.chars += len(text)
        started = time.perf_counter()
        try:
            found = find_quantities(text)
        except Exception as exc:  # the invariant under test: odd text never raises
            tally.seconds += time.perf_counter() - started
            detail = traceback.format_exc(limit=-3) if show_trace else f"{type(exc).__name__}: {exc}"
            tally.failures.append(f"{path}: {detail}")
            continue
        tally.seconds += time.perf_counter() - started
        tally.quantities += len(found)
        for q in found:
            start, end = q.span
            if not (0 <= start < end <= len(text)) or text[start:end] != q.text:
                tally.violations.append(f"{path}: span {list(q.span)} slices {text[start:end]!r}, record text {q.text!r}")
    return tally


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder holding manifest.csv (default: ../shared/corpora)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N reports of the manifest")
    ap.add_argument("--show", type=int, default=20, help="failures and violations to list (default 20)")
    ap.add_argument("--trace", action="store_true", help="list failures with the end of their traceback")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    a = ap.parse_args(argv)

    paths = report_paths(a.corpus)[: a.limit]
    wall = time.perf_counter()
    tally = check(paths, show_trace=a.trace)
    wall = time.perf_counter() - wall
    rate = tally.chars / tally.seconds if tally.seconds else 0.0
    if a.json:
        print(json.dumps({
            "reports": tally.reports,
            "chars": tally.chars,
            "quantities": tally.quantities,
            "failures": len(tally.failures),
            "span_violations": len(tally.violations),
            "seconds": round(tally.seconds, 2),
            "wall_seconds": round(wall, 2),
            "chars_per_s": round(rate),
            "first_failures": tally.failures[: a.show],
            "first_violations": tally.violations[: a.show],
        }, ensure_ascii=False, indent=2))
    else:
        for line in tally.failures[: a.show]:
            print("FAIL", line)
        for line in tally.violations[: a.show]:
            print("SPAN", line)
        print(
            f"reports={tally.reports} quantities={tally.quantities} failures={len(tally.failures)} "
            f"span_violations={len(tally.violations)} time={tally.seconds:.1f}s (wall {wall:.1f}s) "
            f"chars={tally.chars:,} chars/s={rate:,.0f}"
        )
    return 1 if tally.failures or tally.violations else 0


if __name__ == "__main__":
    sys.exit(main())
