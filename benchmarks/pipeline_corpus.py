"""Full ``parse_report`` over the research corpus: speed, record counts and invariants.

Reads every report listed in ``../shared/corpora/manifest.csv`` (relative to the repository
root), decodes it once, then times ``govextract.parse_report`` on the decoded text (one core,
in-process). Checks for every report that parsing does not raise and that every goal's span
slices its text. Prints documents, characters, goals by status, warnings, failures, violations
and characters per second; exits 1 on any failure or violation.

    python benchmarks/pipeline_corpus.py [--limit N] [--level national|province|city|county]
"""

from __future__ import annotations

import argparse
import collections
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import govextract  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--level", default=None)
    args = ap.parse_args()
    rows = list(csv.DictReader((args.corpus / "manifest.csv").open(encoding="utf-8")))
    if args.level:
        rows = [r for r in rows if r["level"] == args.level]
    rows = rows[: args.limit]
    texts = [(r["file"], govextract.read_document(args.corpus / r["file"]).text) for r in rows]
    govextract.parse_report("预热：增长5%。")  # load the data files outside the timing
    status: collections.Counter[str] = collections.Counter()
    failures, violations, warnings, chars, elapsed = [], 0, 0, 0, 0.0
    for name, text in texts:
        chars += len(text)
        start = time.process_time()
        try:
            report = govextract.parse_report(text, name=name)
        except Exception as exc:  # noqa: BLE001 - a benchmark counts every failure
            failures.append(f"{name}: {type(exc).__name__}: {exc}")
            continue
        finally:
            elapsed += time.process_time() - start
        warnings += len(report.warnings)
        for goal in report.goals:
            status[goal.status.value if goal.status else "none"] += 1
            if text[goal.span[0] : goal.span[1]] != goal.text:
                violations += 1
    goals = sum(status.values())
    print(f"documents   {len(texts)}")
    print(f"characters  {chars:,}")
    print(f"goals       {goals:,}  ({', '.join(f'{k} {v:,}' for k, v in status.most_common())})")
    print(f"warnings    {warnings:,}")
    print(f"failures    {len(failures)}")
    print(f"violations  {violations} (goal spans that do not slice the text)")
    print(f"time        {elapsed:.1f} s CPU  ->  {chars / elapsed:,.0f} chars/s on one core")
    for line in failures[:20]:
        print("  !", line)
    return 1 if failures or violations else 0


if __name__ == "__main__":
    sys.exit(main())
