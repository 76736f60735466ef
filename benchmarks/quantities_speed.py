#!/usr/bin/env python3
"""Throughput of ``govextract.find_quantities``, in characters per second, beside a cost floor.

The text is every national report in ``../shared/corpora/reports/national`` (relative to the repo
root), read into memory first. Two scans over the same texts in the same process:

* ``find_quantities``: ``govextract.find_quantities(text)`` on each report;
* ``digit regex``: ``re.finditer(r"[0-9０-９]+", text)`` consumed fully: about the least any
  quantity finder must do, so the ratio between the two says how much our extraction costs.

Each is timed as the best (minimum) of ``--runs`` passes (default 3) after one untimed warm-up
call that loads the rules. The process is pinned to one CPU where the OS allows it.

usage:
  python benchmarks/quantities_speed.py [--runs 3] [--corpus DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # measure the working tree, not some installed copy

NATIONAL = REPO / ".." / "shared" / "corpora" / "reports" / "national"
DIGITS = re.compile(r"[0-9０-９]+")


def pin_one_core() -> str:
    """Restrict this process to a single CPU (Linux); returns a description of what was done."""
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[0]})
        return f"pinned to cpu {cpus[0]}"
    return "not pinned (no sched_setaffinity)"


def read_texts(folder: Path) -> list[str]:
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"no *.txt reports in {folder}")
    return [f.read_text(encoding="utf-8-sig") for f in files]


def digit_scan(text: str) -> int:
    return sum(1 for _ in DIGITS.finditer(text))


def best_of(runs: int, scan: Callable[[str], int], texts: list[str]) -> tuple[float, int]:
    """(fastest seconds over ``runs`` passes, items found in a pass)."""
    best, found = float("inf"), 0
    for _ in range(runs):
        started = time.perf_counter()
        found = sum(scan(t) for t in texts)
        best = min(best, time.perf_counter() - started)
    return best, found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="timed passes per scan; the best counts (default 3)")
    ap.add_argument("--corpus", type=Path, default=NATIONAL, help="folder of .txt reports (default: national)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    a = ap.parse_args(argv)
    if a.runs < 1:
        ap.error("--runs must be at least 1")

    pinned = pin_one_core()
    from govextract import find_quantities

    texts = read_texts(a.corpus)
    chars = sum(len(t) for t in texts)

    started = time.perf_counter()
    find_quantities("力争普惠性幼儿园覆盖率达到96%以上")  # loads and compiles the rules
    warmup = time.perf_counter() - started

    fq_seconds, quantities = best_of(a.runs, lambda t: len(find_quantities(t)), texts)
    rx_seconds, digit_runs = best_of(a.runs, digit_scan, texts)
    fq_rate, rx_rate = chars / fq_seconds, chars / rx_seconds
    result = {
        "corpus": str(a.corpus.resolve()),
        "reports": len(texts),
        "chars": chars,
        "runs": a.runs,
        "cpu": pinned,
        "python": platform.python_version(),
        "warmup_seconds": round(warmup, 4),
        "find_quantities": {"seconds": round(fq_seconds, 4), "chars_per_s": round(fq_rate), "quantities": quantities},
        "digit_regex": {"seconds": round(rx_seconds, 4), "chars_per_s": round(rx_rate), "matches": digit_runs},
        "slowdown": round(rx_rate / fq_rate, 1),
    }
    if a.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(f"{len(texts)} reports, {chars:,} chars, best of {a.runs}, {pinned}, Python {result['python']}")
        print(f"  find_quantities  {fq_rate:>14,.0f} chars/s  ({fq_seconds:.3f} s, {quantities:,} quantities; first call {warmup:.2f} s)")
        print(f"  digit regex      {rx_rate:>14,.0f} chars/s  ({rx_seconds:.3f} s, {digit_runs:,} digit runs)")
        print(f"  ratio            find_quantities is {result['slowdown']}x slower than the digit scan")
    return 0


if __name__ == "__main__":
    sys.exit(main())
