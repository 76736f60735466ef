"""Whole-corpus sweep: every report of ``../shared/corpora`` through ``parse_report``, invariants checked.

For each file of the manifest: ``govextract.parse_report(path)`` (decoding included) must not
raise, and the report must satisfy :func:`check_invariants` (goal spans slice the decoded text,
section spans nest, each goal's section path is the path of the sections containing it) and be
deterministic (the same JSON bytes on a second parse; ``--once`` skips that). Prints documents,
records, warnings by kind (the GW/GX code), failures and invariant violations; exits 1 on any
failure or violation. ``pipeline_corpus.py`` measures the speed of the same pipeline.

    python benchmarks/corpus_sweep.py [--limit N] [--level national|province|city|county] [--once]
    python benchmarks/corpus_sweep.py --big 50     # also: a 50 MB report (a real one repeated)
"""

from __future__ import annotations

import argparse
import collections
import csv
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import govextract  # noqa: E402
from govextract.errors import DecodeError  # noqa: E402
from govextract.models import Report, Section  # noqa: E402
from govextract.sections import section_path  # noqa: E402


def decoded_text(src: str | bytes | Path) -> str:
    """The text that a report's spans index, decoded as ``parse_report`` decodes it."""
    try:
        return govextract.read_document(src).text
    except DecodeError:
        if not isinstance(src, str):
            raise
        return src.replace("\r\n", "\n").replace("\r", "\n")


def _check_sections(sections: list[Section], lo: int, hi: int, where: str, out: list[str]) -> None:
    last_end = lo
    for s in sections:
        start, end = s.span
        if not (lo <= start < end <= hi):
            out.append(f"section {where}/{s.title!r} span {s.span} outside its parent [{lo}, {hi})")
        if start < last_end:
            out.append(f"section {where}/{s.title!r} span {s.span} overlaps the one before (ends {last_end})")
        last_end = max(last_end, end)
        _check_sections(s.children, start, end, f"{where}/{s.title}", out)


def check_invariants(report: Report, text: str) -> list[str]:
    """Every violated invariant of ``report`` parsed from ``text``, as readable lines (empty: all hold)."""
    out: list[str] = []
    _check_sections(report.sections, 0, len(text), "", out)
    for goal in report.goals:
        start, end = goal.span
        if not (0 <= start < end <= len(text)) or text[start:end] != goal.text:
            out.append(f"goal {goal.text!r} span {goal.span} does not slice the text")
            continue
        path = section_path(report.sections, start)
        if [s.title for s in path] != list(goal.section):
            out.append(f"goal {goal.text!r} at {start}: section {goal.section} but inside {[s.title for s in path]}")
        elif path and not (path[-1].span[0] <= start and end <= path[-1].span[1]):
            out.append(f"goal {goal.text!r} span {goal.span} leaves its section {path[-1].title!r} {path[-1].span}")
    return out


def warning_kind(line: str) -> str:
    """``GW101 placeholder at 12: …`` -> ``GW101 placeholder``; ``GX112 file: …`` -> ``GX112``."""
    parts = line.split()
    code = parts[0] if parts else "?"
    if code.startswith("GW1") and len(parts) > 1:
        return f"{code} {parts[1].rstrip(':')}"
    return code


def _big(mb: int) -> None:
    """Parse a ``mb`` MB report built by repeating the national 2024 report; print time and memory."""
    source = ROOT / "corpora" / "reports" / "national_2024_全国.txt"
    chunk = source.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"big_{mb}MB.txt"
        with path.open("wb") as out:
            for _ in range(mb * 1_000_000 // len(chunk) + 1):
                out.write(chunk)
        size = path.stat().st_size
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.process_time()
        report = govextract.parse_report(path)
        elapsed = time.process_time() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        problems = check_invariants(report, decoded_text(path))
    print(f"big report  {size / 1e6:.1f} MB, {len(report.goals):,} goals, {elapsed:.1f} s CPU, "
          f"peak RSS {peak / 1024:.0f} MiB (was {before / 1024:.0f} MiB), {len(problems)} violations")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--level", default=None)
    ap.add_argument("--once", action="store_true", help="skip the determinism check (second parse)")
    ap.add_argument("--big", type=int, default=0, metavar="MB", help="also parse a report of this many MB")
    args = ap.parse_args()
    rows = list(csv.DictReader((args.corpus / "manifest.csv").open(encoding="utf-8")))
    if args.level:
        rows = [r for r in rows if r["level"] == args.level]
    rows = rows[: args.limit]
    kinds: collections.Counter[str] = collections.Counter()
    documents_warned: collections.Counter[str] = collections.Counter()
    failures: list[str] = []
    violations: list[str] = []
    goals = sections = chars = 0
    start = time.process_time()
    for row in rows:
        path = args.corpus / row["file"]
        try:
            report = govextract.parse_report(path, name=row["file"])
            text = decoded_text(path)
        except Exception as exc:  # noqa: BLE001 - a sweep counts every failure
            failures.append(f"{row['file']}: {type(exc).__name__}: {exc}")
            continue
        chars += len(text)
        goals += len(report.goals)
        sections += sum(1 for top in report.sections for _ in top.walk())
        seen = set()
        for line in report.warnings:
            kind = warning_kind(line)
            kinds[kind] += 1
            seen.add(kind)
        documents_warned.update(seen)
        violations += [f"{row['file']}: {p}" for p in check_invariants(report, text)]
        if not args.once:
            again = govextract.parse_report(path, name=row["file"])
            if again.model_dump_json() != report.model_dump_json():
                violations.append(f"{row['file']}: a second parse gives different JSON")
    elapsed = time.process_time() - start
    print(f"documents   {len(rows):,}")
    print(f"characters  {chars:,}")
    print(f"records     {goals:,} goals, {sections:,} sections")
    print(f"warnings    {sum(kinds.values()):,}  (by kind: count in documents / lines)")
    for kind, count in sorted(kinds.items()):
        print(f"  {kind:28s} {documents_warned[kind]:>6,} docs {count:>8,} lines")
    print(f"failures    {len(failures)}")
    print(f"violations  {len(violations)} (invariants{'' if args.once else ' and determinism'})")
    print(f"time        {elapsed:.1f} s CPU")
    for line in (failures + violations)[:30]:
        print("  !", line)
    if args.big:
        _big(args.big)
    return 1 if failures or violations else 0


if __name__ == "__main__":
    sys.exit(main())
